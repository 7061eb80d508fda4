import { describe, expect, test } from "vitest";
import { canTransition, isConfirmed, transitionRefusal } from "~/rules/application-state";
import { passwordProblem } from "~/rules/password-policy";
import { isCrossSitePost } from "~/services/cross-site.server";

describe("application states", () => {
  test("organisers decide from submitted and waitlisted only", () => {
    expect(canTransition("submitted", "approved", "organiser")).toBe(true);
    expect(canTransition("submitted", "waitlisted", "organiser")).toBe(true);
    expect(canTransition("waitlisted", "approved", "organiser")).toBe(true);
    expect(canTransition("waitlisted", "waitlisted", "organiser")).toBe(false);
    expect(transitionRefusal("withdrawn", "approved", "organiser")).toBe("not_allowed_from_state");
    expect(transitionRefusal("rejected", "approved", "organiser")).toBe("not_allowed_from_state");
    expect(transitionRefusal("submitted", "approved", "stallholder")).toBe("not_allowed_for_actor");
  });
  test("organisers may reject an approved stall (not waitlist it); a stallholder may not", () => {
    expect(canTransition("approved", "rejected", "organiser")).toBe(true);
    expect(transitionRefusal("approved", "rejected", "stallholder")).toBe("not_allowed_for_actor");
    expect(transitionRefusal("approved", "rejected", "system")).toBe("not_allowed_for_actor");
    expect(transitionRefusal("approved", "waitlisted", "organiser")).toBe("not_allowed_from_state");
    expect(transitionRefusal("rejected", "rejected", "organiser")).toBe("not_allowed_from_state");
  });
  test("any active application can be withdrawn by its stallholder or cancelled with the edition", () => {
    for (const from of ["submitted", "approved", "waitlisted"] as const) {
      expect(canTransition(from, "withdrawn", "stallholder")).toBe(true);
      expect(canTransition(from, "cancelled", "system")).toBe(true);
    }
    expect(canTransition("rejected", "withdrawn", "stallholder")).toBe(false);
    expect(canTransition("cancelled", "withdrawn", "stallholder")).toBe(false);
    expect(transitionRefusal("approved", "cancelled", "stallholder")).toBe("not_allowed_for_actor");
  });
  test("confirmed means approved and paid, or free", () => {
    expect(isConfirmed("approved", "paid")).toBe(true);
    expect(isConfirmed("approved", "not_required")).toBe(true);
    expect(isConfirmed("approved", "pending")).toBe(false);
    expect(isConfirmed("submitted", "paid")).toBe(false);
  });
});

describe("organiser passwords", () => {
  test("long enough, not common, not the e-mail address", () => {
    expect(passwordProblem("kort", "a@b.nl")).toBe("too_short");
    expect(passwordProblem("x".repeat(201), "a@b.nl")).toBe("too_long");
    expect(passwordProblem("Password1234", "a@b.nl")).toBe("too_common");
    expect(passwordProblem("aaaaaaaaaaaaaa", "a@b.nl")).toBe("too_common");
    expect(passwordProblem("marieke-zomer-2027", "marieke@example.org")).toBe("contains_email");
    expect(passwordProblem("kraampjes-en-wafels", "demo@zomerparade.test")).toBeNull();
  });
});

describe("cross-site posts", () => {
  const post = { method: "POST", path: "/apply", host: "zomerparade.nl" };
  test("a post from our own origin passes; from another origin, or a null origin, is refused", () => {
    expect(isCrossSitePost({ ...post, origin: "https://zomerparade.nl", secFetchSite: "same-origin" })).toBe(false);
    expect(isCrossSitePost({ ...post, origin: "https://evil.example", secFetchSite: "cross-site" })).toBe(true);
    expect(isCrossSitePost({ ...post, origin: "null", secFetchSite: undefined })).toBe(true);
    expect(isCrossSitePost({ ...post, origin: "null", secFetchSite: "cross-site" })).toBe(true);
    // A page with Referrer-Policy: no-referrer posts with Origin: null; Sec-Fetch-Site says it is ours.
    expect(isCrossSitePost({ ...post, origin: "null", secFetchSite: "same-origin" })).toBe(false);
    expect(isCrossSitePost({ ...post, origin: undefined, secFetchSite: "cross-site" })).toBe(true);
  });
  test("reads, and the signed Stripe webhook, are not affected; a client without Origin (a script) is", () => {
    expect(isCrossSitePost({ ...post, method: "GET", origin: "https://evil.example", secFetchSite: "cross-site" })).toBe(false);
    expect(isCrossSitePost({ ...post, path: "/webhooks/stripe", origin: undefined, secFetchSite: undefined })).toBe(false);
    expect(isCrossSitePost({ ...post, origin: undefined, secFetchSite: undefined })).toBe(false);
  });
});
