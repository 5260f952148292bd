import type { English } from "../types";
import type { search as ru } from "../ru/search";

/** English: search. */
export const search = {
  search: {
    heading: "Search",
    query: "What are you looking for?",
    hint: "Any word form works: “teaching fractions” also finds “teach a fraction”.",
    submit: "Search",
    header: "Search the forum",
    placeholder: "Search",
    filters: "Narrow down",
    network: "Network",
    allNetworks: "All networks",
    tag: "Tag",
    status: "Status",
    statusAny: "Any",
    statusSolved: "With an accepted answer",
    statusUnsolved: "Questions without an accepted answer",
    author: "Author",
    sort: "Order",
    sortRelevance: "Best match first",
    sortNewest: "Newest first",
    found_one: "{{count}} thread found",
    found_other: "{{count}} threads found",
    nothing: "Nothing found. Try other words, or ask your colleagues.",
    fromAccepted: "From the accepted answer:",
    down: "Search is catching up with the latest changes and is unavailable for a moment. The forum works as usual; try again in a minute.",
    behind: "Search is catching up: the newest posts may take a little longer to appear.",
    similarHeading: "Your question may already have an answer",
    similarHint: "Have a look at these threads: if one of them answers your question, there is no need to ask again.",
    thisAnswers: "This answers my question",
    publishAnyway: "My question is different — publish",
  },
} satisfies English<typeof ru>;
