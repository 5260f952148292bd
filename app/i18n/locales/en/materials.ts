import type { English } from "../types";
import type { materials as ru } from "../ru/materials";

/** English: the materials library of a network, and the descriptions of module and entry files. */
export const materials = {
  materials: {
    heading: "Materials",
    link: "Materials: files from courses and the knowledge base",
    intro:
      "Files that curators attached to course modules and moderators to knowledge-base entries: worksheets, presentations, lesson plans. Files from forum threads are not listed here.",
    kbLink: "The files of knowledge-base entries are gathered in the materials library",
    courseLink: "All files of this course are in the materials library",
    searchForm: "Search the materials",
    search: "Name or description",
    searchHint: "Capital or small letters and the form of a word do not matter: “fraction” finds “fractions” too.",
    from: "From",
    fromAll: "All courses and the knowledge base",
    fromKb: "Knowledge base ({{n}})",
    fromCourse: "Course “{{title}}” ({{n}})",
    tag: "Knowledge-base tag",
    tagAll: "Any tag",
    tagOption: "{{name}} ({{n}})",
    tagHint: "Only knowledge-base entries have tags; course materials are chosen by course.",
    submit: "Search",
    reset: "Show all files",
    found_one: "{{count}} file found",
    found_other: "{{count}} files found",
    empty: "No files yet. They appear here when a curator attaches files to a course module, or a moderator to a knowledge-base entry.",
    nothingFound: "Nothing found. Try another word or remove the filters.",
    tagWithCourse: "Course materials have no tags: a tag finds knowledge-base files only. Choose “All courses and the knowledge base”.",
    partial: "The search looked at the network's {{n}} newest files; older ones are found by choosing a course.",
    sourceCourse: "Course:",
    sourceKb: "Knowledge base:",
    filesHeading: "Files",
    descriptions: "Descriptions of the files",
    descriptionsHint:
      "Optional, but it helps colleagues: what it is and who it is for (“Worksheet for lesson 3, year 6”). The materials library finds a file by its name and description.",
    descriptionLabel: "Description: {{name}}",
    errors: {
      description: "Check the description of “{{name}}”.",
    },
  },
} as const satisfies English<typeof ru>;
