import type { English } from "../types";
import type { auth as ru } from "../ru/auth";

/** English: log in, sign up, log out. */
export const auth = {
  auth: {
    loginHeading: "Log in",
    registerHeading: "Sign up",
    email: "Email",
    password: "Password",
    passwordHint: "At least 10 characters. A phrase of several words works well.",
    displayName: "Name your colleagues will see",
    homeNetwork: "Your regional network",
    chooseNetwork: "— choose a network —",
    school: "School",
    schoolHint: "For example: School No. 5, Biysk",
    subjects: "Subjects you teach",
    subjectsHint: "Separated by commas: maths, physics",
    submitLogin: "Log in",
    submitRegister: "Sign up",
    noAccount: "No account yet?",
    demoAccounts:
      "Demo mode: the demo accounts' addresses and passwords are in the file demo-accounts.txt beside the database (data/demo-accounts.txt by default).",
    haveAccount: "Already signed up?",
  },
} satisfies English<typeof ru>;
