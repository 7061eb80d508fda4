/**
 * Who in the organising team may do what. Roles are ordered; a permission names the least role
 * that holds it, so a role holds everything below it as well.
 *   volunteer — reads lists and the map, marks arrivals on the day; no money, no decisions
 *   organiser — reviews and decides, edits applications, handles money and mail
 *   admin     — also edition settings and organiser accounts
 */
export type OrganiserRole = "admin" | "organiser" | "volunteer";

export const ROLE_RANK: Record<OrganiserRole, number> = { volunteer: 1, organiser: 2, admin: 3 };

export const PERMISSIONS = {
  read: "volunteer",
  arrivals: "volunteer",
  review: "organiser",
  money: "organiser",
  mail: "organiser",
  export: "organiser",
  settings: "admin",
  accounts: "admin",
} as const satisfies Record<string, OrganiserRole>;

export type Permission = keyof typeof PERMISSIONS;

/** `requirement` is a permission or a least role. */
export function roleAllows(role: OrganiserRole, requirement: Permission | OrganiserRole): boolean {
  const least: OrganiserRole = requirement in PERMISSIONS ? PERMISSIONS[requirement as Permission] : (requirement as OrganiserRole);
  return ROLE_RANK[role] >= ROLE_RANK[least];
}
