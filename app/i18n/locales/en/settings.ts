import type { English } from "../types";
import type { settings as ru } from "../ru/settings";

/** English: a person's settings. */
export const settings = {
  settings: {
    profileHeading: "Profile",
    passwordHeading: "Change password",
    save: "Save",
    saved: "Saved.",
    currentPassword: "Current password",
    newPassword: "New password",
    changePassword: "Change password",
    passwordChanged: "Password changed. Your other sessions have been ended.",
    language: "Interface language",
    myNetworks: "My networks",
  },
} satisfies English<typeof ru>;
