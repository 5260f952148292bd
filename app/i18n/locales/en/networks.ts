import type { English } from "../types";
import type { networks as ru } from "../ru/networks";

/** English: the home page and a network's page. */
export const networks = {
  home: {
    heading: "Regional teacher networks",
    intro: "Ask colleagues in your region, get an answer from a mentor, find solutions that already worked.",
    yourNetworks: "Your networks",
    allNetworks: "All networks",
    empty: "No networks yet.",
    members_one: "{{count}} member",
    members_other: "{{count}} members",
  },
  network: {
    membersOnly: "Members only",
    membersOnlyHint: "Only members of this network see its threads.",
    join: "Join the network",
    leave: "Leave the network",
    joined: "You are a member of this network.",
    loginToJoin: "Log in to join the network.",
    roles: "Roles",
    roleMentor: "mentor",
    roleModerator: "moderator",
    threads: "Questions and discussions",
    mentors: "Mentors",
    moderators: "Moderators",
    none: "none yet",
    answers_one: "{{count}} answer",
    answers_other: "{{count}} answers",
  },
} satisfies English<typeof ru>;
