/**
 * Who calls the tab API, and as what. Roles come from Entra app roles (assigned by the tenant's admins) or
 * from the database (a facilitator of the pool is a facilitator); every route declares the roles it needs.
 */
export const ROLES = ['facilitator', 'counsellor', 'coordinator', 'network'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  aadObjectId: string;
  tenantId: string;
  roles: Role[];
}

/** Entra app role values (the manifest's `value`) → our roles. */
export const APP_ROLE_VALUES: Readonly<Record<string, Role>> = {
  Facilitator: 'facilitator',
  Counsellor: 'counsellor',
  Coordinator: 'coordinator',
  NetworkCoordinator: 'network',
};

/** A route open to anyone signed in has no role in its list. */
export function mayCall(principal: Principal, needs: readonly Role[]): boolean {
  return needs.length === 0 || needs.some((role) => principal.roles.includes(role));
}
