// Which seed operations the emulator serves. Every one of the 170 operations of the two seeds
// is either an end-user operation (a client-side app calls it with a user token; the emulator
// serves it with real behaviour) or a server-side administration operation (the hosted
// service wants the app secret for it; the emulator answers it with NOT_EMULATED below).
// The coverage tests walk this table: each end-user operation is called over real HTTP and
// each administration operation gets the documented error. Nothing answers `no endpoint`.
import { ApiError, ErrorCode } from './errors.ts';
import { seedOperations, type SeedOperation } from './generated/seedOperations.ts';
import type { Handler, Route } from './router.ts';

/** The server-side administration operations, by area (the list of issue 23). */
export const ADMIN_AREAS: Readonly<Record<string, readonly string[]>> = {
  campaigns: ['QueryCampaigns', 'GetCampaign', 'StartCampaign', 'StopCampaign'],
  segments: ['QuerySegments', 'GetSegment', 'DeleteSegment', 'DeleteSegmentTargets', 'SegmentTargetExists', 'QuerySegmentTargets'],
  'usage stats': ['QueryTeamUsageStats'],
  imports: [
    'CreateImportURL', 'ListImports', 'CreateImport', 'GetImport', 'ListImportV2Tasks', 'CreateImportV2Task', 'GetImportV2Task',
    'DeleteImportV2Task', 'GetImporterExternalStorage', 'UpsertImporterExternalStorage', 'DeleteImporterExternalStorage',
    'ValidateImporterExternalStorage',
  ],
  exports: ['ExportChannels', 'ExportUsers', 'ExportUser'],
  'external storage': ['ListExternalStorage', 'CreateExternalStorage', 'UpdateExternalStorage', 'DeleteExternalStorage', 'CheckExternalStorage'],
  retention: ['GetRetentionPolicy', 'SetRetentionPolicy', 'DeleteRetentionPolicy', 'GetRetentionPolicyRuns'],
  'channel types': ['ListChannelTypes', 'CreateChannelType', 'GetChannelType', 'UpdateChannelType', 'DeleteChannelType'],
  commands: ['ListCommands', 'CreateCommand', 'GetCommand', 'UpdateCommand', 'DeleteCommand'],
  blocklists: ['ListBlockLists', 'CreateBlockList', 'GetBlockList', 'UpdateBlockList', 'DeleteBlockList'],
  roles: ['ListRoles', 'CreateRole', 'DeleteRole'],
  permissions: ['ListPermissions', 'GetPermission'],
  'user groups': [
    'ListUserGroups', 'CreateUserGroup', 'SearchUserGroups', 'GetUserGroup', 'UpdateUserGroup', 'DeleteUserGroup',
    'AddUserGroupMembers', 'RemoveUserGroupMembers',
  ],
  'push providers and templates': ['ListPushProviders', 'UpsertPushProvider', 'DeletePushProvider', 'GetPushTemplates', 'UpsertPushTemplate'],
  'push checks': ['CheckPush', 'CheckSNS', 'CheckSQS'],
  'rate limits': ['GetRateLimits'],
  tasks: ['GetTask'],
  'app settings updates': ['UpdateApp'],
  'batch channel changes': ['ChannelBatchUpdate', 'DeleteChannels'],
  'user lifecycle': ['DeactivateUsers', 'DeactivateUser', 'ReactivateUsers', 'ReactivateUser', 'RestoreUsers', 'DeleteUsers'],
  'custom user events': ['SendUserCustomEvent'],
  'pending messages': ['CommitMessage'],
  'message history': ['QueryMessageHistory'],
};

const ADMIN = new Map<string, string>(Object.entries(ADMIN_AREAS).flatMap(([area, names]) => names.map((n) => [n, area] as const)));

/** 'admin' for a server-side administration operation, else 'user'. */
export function operationKind(name: string): 'user' | 'admin' {
  return ADMIN.has(name) ? 'admin' : 'user';
}

/** The end-user operations: the ones the emulator must serve (85). */
export const endUserOperations: readonly SeedOperation[] = seedOperations.filter((o) => operationKind(o.name) === 'user');

/** The administration operations: answered with NOT_EMULATED (85). */
export const adminOperations: readonly SeedOperation[] = seedOperations.filter((o) => operationKind(o.name) === 'admin');

/** The seed entry of an operation, by name. */
export function seedOperation(name: string): SeedOperation | undefined {
  return BY_NAME.get(name);
}
const BY_NAME = new Map(seedOperations.map((o) => [o.name, o]));

/**
 * The documented answer to an administration operation: HTTP 501 with the PROTOCOL.md
 * section 3 body, code 5 (not allowed; the client does not retry it), and a message naming
 * the operation and its area. 501 says "this server does not implement it", which is true of
 * the emulator and never of the hosted service, so an app cannot mistake it for a
 * permission it could obtain.
 */
export const NOT_EMULATED = { status: 501, code: ErrorCode.notAllowed } as const;

function notEmulated(name: string, area: string): Handler {
  return () => {
    throw new ApiError(
      NOT_EMULATED.code,
      `${name} is a server-side administration operation (${area}); the emulator does not emulate it`,
      NOT_EMULATED.status,
    );
  };
}

/** Routes for the administration operations, each answering NOT_EMULATED. */
export function adminRoutes(): Route[] {
  return adminOperations.map((o) => ({ operation: o.name, method: o.method, path: o.path, handler: notEmulated(o.name, ADMIN.get(o.name) ?? '') }));
}
