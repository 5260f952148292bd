import { z } from "zod";
import { emailField, loginPasswordField, message, optionalTextField, passwordField, textField } from "~/utils/validation";

const profileFields = {
  displayName: textField({ min: 2, max: 60 }),
  school: optionalTextField({ max: 200 }),
  subjects: optionalTextField({ max: 300 }),
};

export const registerSchema = z.object({
  email: emailField,
  password: passwordField,
  homeNetwork: z.string({ required_error: message("errors.required") }).max(60, message("errors.unknownNetwork")),
  ...profileFields,
});
export type RegisterInput = z.infer<typeof registerSchema>;

export const loginSchema = z.object({
  email: emailField,
  password: loginPasswordField,
  redirectTo: z.string().optional(),
});

export const profileSchema = z.object({
  ...profileFields,
  homeNetwork: z.string().max(60, message("errors.unknownNetwork")).optional(),
  locale: z.enum(["ru", "en"]).optional(),
});
export type ProfileInput = z.infer<typeof profileSchema>;

export const passwordChangeSchema = z.object({
  currentPassword: loginPasswordField,
  newPassword: passwordField,
});

/** The language switch in the header: the language, and the page to return to. */
export const languageSchema = z.object({ lng: z.string().optional(), redirectTo: z.string().optional() });
