import type { English } from "../types";
import type { layout as ru } from "../ru/layout";

/** English: page title, navigation and footer. */
export const layout = {
  meta: {
    title: "Kollegi — a community of teachers",
    description: "A forum for regional teacher networks: questions, answers, mentors.",
  },
  nav: {
    skip: "Skip to content",
    home: "Kollegi",
    networks: "Networks",
    login: "Log in",
    register: "Sign up",
    logout: "Log out",
    profile: "Profile",
    admin: "Administration",
    main: "Main menu",
    language: "Language",
    switchTo: "Русский",
  },
  footer: {
    about: "Kollegi is a forum where teachers help each other.",
  },
} satisfies English<typeof ru>;
