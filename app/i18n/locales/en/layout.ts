import type { English } from "../types";
import type { layout as ru } from "../ru/layout";

/** English: navigation and footer. */
export const layout = {
  nav: {
    skip: "Skip to content",
    home: "Kollegi",
    login: "Log in",
    register: "Sign up",
    logout: "Log out",
    admin: "Administration",
    main: "Main menu",
    switchTo: "Русский",
  },
  footer: {
    about: "Kollegi is a forum where teachers help each other.",
  },
} satisfies English<typeof ru>;
