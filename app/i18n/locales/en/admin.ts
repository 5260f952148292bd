import type { English } from "../types";
import type { admin as ru } from "../ru/admin";

/** English: network administration. */
export const admin = {
  admin: {
    heading: "Administration",
    networks: "Networks",
    newNetwork: "New network",
    create: "Create network",
    name: "Name",
    slug: "Address (latin letters)",
    slugHint: "For example: tomsk. Lowercase latin letters, digits and hyphens.",
    region: "Region",
    timeZone: "Time zone",
    description: "Description",
    visibility: "Who sees the threads",
    visibilityPublic: "Everyone, even signed out",
    visibilityMembers: "Members of the network only",
    roles: "Roles in the network",
    member: "Member",
    mentor: "Mentor",
    moderator: "Moderator",
    grant: "Grant",
    revoke: "Revoke",
    noMembers: "The network has no members yet.",
    roleGranted: "Role granted.",
    roleRevoked: "Role revoked.",
    findMember: "Find a member",
    find: "Find",
    addMember: "Add a member by email",
    add: "Add",
    memberAdded: "Member added.",
    membersHeading: "Members and roles",
    shown: "Showing {{shown}} of {{total}}",
  },
} satisfies English<typeof ru>;
