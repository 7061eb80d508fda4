/** What makes an organiser password acceptable. Length beats composition rules (NIST SP 800-63B). */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;

const COMMON = new Set([
  "password1234",
  "wachtwoord123",
  "welkom123456",
  "zomerparade123",
  "123456789012",
  "qwertyuiop12",
]);

export type PasswordProblem = "too_short" | "too_long" | "too_common" | "contains_email";

export function passwordProblem(password: string, email: string): PasswordProblem | null {
  if (password.length < MIN_PASSWORD_LENGTH) return "too_short";
  if (password.length > MAX_PASSWORD_LENGTH) return "too_long";
  const lower = password.toLowerCase();
  if (COMMON.has(lower) || /^(.)\1+$/.test(password)) return "too_common";
  const localPart = email.split("@")[0]?.toLowerCase() ?? "";
  if (localPart.length >= 4 && lower.includes(localPart)) return "contains_email";
  return null;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[a-z]{2,}$/i;
export function looksLikeEmail(email: string): boolean {
  return email.length <= 254 && EMAIL.test(email);
}
