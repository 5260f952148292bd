import { createCookie } from "@remix-run/node";
import { RemixI18Next } from "remix-i18next/server";
import { fallbackLanguage, i18nConfig, resources, supportedLanguages } from "./i18n";

const ONE_YEAR_SECONDS = 60 * 60 * 24 * 365;

/** The language a person picked sticks for a year, signed in or not. */
export const localeCookie = createCookie("lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: ONE_YEAR_SECONDS,
  secure: process.env.NODE_ENV === "production" && process.env.COOKIE_SECURE !== "false",
});

export const i18next = new RemixI18Next({
  detection: {
    supportedLanguages: [...supportedLanguages],
    fallbackLanguage,
    cookie: localeCookie,
    order: ["cookie", "header"],
  },
  i18next: { ...i18nConfig, resources },
});
