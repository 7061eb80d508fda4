/**
 * Regenerating the spots along the street replaces the layout, but keeps every assignment whose
 * spot code survives. This computes the plan an organiser previews before anything changes.
 */
export interface ExistingSpot {
  id: number;
  code: string;
}

export interface AssignmentOnSpot {
  spotId: number;
  applicationId: number;
  stallName: string;
  dayId: number;
}

export interface RegenerationPlan {
  /** Codes in both layouts: the spot row is updated in place, its assignments stay. */
  kept: string[];
  /** Codes only in the new layout: new spot rows. */
  added: string[];
  /** Codes only in the old layout: deleted, with their assignments. */
  removed: string[];
  /** Assignments that would be lost because their spot's code disappears. */
  lostAssignments: (AssignmentOnSpot & { spotCode: string })[];
}

export function planRegeneration(
  existing: ExistingSpot[],
  generatedCodes: string[],
  assignments: AssignmentOnSpot[],
): RegenerationPlan {
  const newCodes = new Set(generatedCodes);
  const oldCodes = new Set(existing.map((s) => s.code));
  const removedSpots = existing.filter((s) => !newCodes.has(s.code));
  const removedIds = new Map(removedSpots.map((s) => [s.id, s.code]));
  return {
    kept: existing.filter((s) => newCodes.has(s.code)).map((s) => s.code),
    added: generatedCodes.filter((code) => !oldCodes.has(code)),
    removed: removedSpots.map((s) => s.code),
    lostAssignments: assignments
      .filter((a) => removedIds.has(a.spotId))
      .map((a) => ({ ...a, spotCode: removedIds.get(a.spotId)! })),
  };
}
