// Policy type GUIDs and display names (§3.5 table) and the scenario names that select them.

/** The policy type names a scenario file uses (docs/emulator.md). */
export type ScenarioPolicyType =
  'build' | 'minimumReviewers' | 'requiredReviewers' | 'workItemLinking' | 'commentRequirements' | 'status';

export const BUILD_POLICY_TYPE_ID = '0609b952-1397-4640-95ec-e00a01b2c241';

export interface PolicyTypeInfo {
  id: string;
  displayName: string;
}

const POLICY_TYPES: Record<ScenarioPolicyType, PolicyTypeInfo> = {
  build: { id: BUILD_POLICY_TYPE_ID, displayName: 'Build' },
  minimumReviewers: {
    id: 'fa4e907d-c16b-4a4c-9dfa-4906e5d171dd',
    displayName: 'Minimum number of reviewers',
  },
  requiredReviewers: { id: 'fd2167ab-b0be-447a-8ec8-39368250530e', displayName: 'Required reviewers' },
  workItemLinking: { id: '40e92b44-2fe1-4dd6-b3d8-74a9c21d0c6e', displayName: 'Work item linking' },
  commentRequirements: { id: 'c6a1889d-b943-4856-b76f-9e46bb6b0df2', displayName: 'Comment requirements' },
  status: { id: 'cbdc66da-9728-4af8-aada-9a5a32e4a226', displayName: 'Status' },
};

/** Policies whose outcome follows the reviewers' votes unless a scenario fixes it. */
export function isReviewerPolicy(typeId: string): boolean {
  return typeId === POLICY_TYPES.minimumReviewers.id || typeId === POLICY_TYPES.requiredReviewers.id;
}

export const SCENARIO_POLICY_TYPES = Object.keys(POLICY_TYPES) as ScenarioPolicyType[];

export function policyTypeInfo(type: ScenarioPolicyType): PolicyTypeInfo {
  return POLICY_TYPES[type];
}

/** Every type, for `GET {p}/_apis/policy/types`. */
export function listPolicyTypes(): PolicyTypeInfo[] {
  return Object.values(POLICY_TYPES);
}

/** Type-specific settings the service stores besides `scope` (§3.5, §4 examples). */
export function defaultExtraSettings(
  type: ScenarioPolicyType,
  minimumApproverCount: number,
): Record<string, unknown> {
  switch (type) {
    case 'minimumReviewers':
      return {
        minimumApproverCount,
        creatorVoteCounts: false,
        allowDownvotes: false,
        resetOnSourcePush: false,
        requireVoteOnLastIteration: false,
        blockLastPusherVote: false,
      };
    case 'requiredReviewers':
      return { requiredReviewerIds: [], minimumApproverCount, creatorVoteCounts: false };
    case 'status':
      return { statusName: 'ci', statusGenre: 'emulator', authorId: null, invalidateOnSourceUpdate: false };
    case 'build':
    case 'workItemLinking':
    case 'commentRequirements':
      return {};
  }
}
