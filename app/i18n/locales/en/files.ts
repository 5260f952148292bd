import type { English } from "../types";
import type { files as ru } from "../ru/files";

/** English: files attached to posts, module materials and knowledge-base entries. */
export const files = {
  files: {
    label: "Files",
    choose: "Attach files",
    summary: "Attach a photo or a document",
    limits: "Up to {{count}} files, up to {{size}} each: photos (JPEG, PNG, WebP), PDF, Word, Excel, PowerPoint, OpenDocument, TXT.",
    todayLeft: "You can upload {{size}} more today.",
    privacy:
      "Before you attach a photo, check it: no pupils' faces, names or notebooks without their parents' consent. We remove the location (GPS) from every photo.",
    dropHint: "You can drop files here, and paste a screenshot (Ctrl+V).",
    upload: "Upload the chosen files",
    uploadHint: "The files are uploaded and what you wrote stays in the form.",
    uploading: "Uploading “{{name}}”…",
    attached: "Attached",
    remove: "Remove",
    download: "Download",
    openFull: "Open the whole photo: {{name}}",
    pages_one: "{{count}} page",
    pages_other: "{{count}} pages",
    format: {
      jpeg: "Photo",
      png: "Image",
      webp: "Image",
      gif: "Image",
      pdf: "PDF",
      doc: "Word document",
      docx: "Word document",
      odt: "OpenDocument text",
      xls: "Excel spreadsheet",
      xlsx: "Excel spreadsheet",
      ods: "OpenDocument spreadsheet",
      ppt: "PowerPoint presentation",
      pptx: "PowerPoint presentation",
      odp: "OpenDocument presentation",
      txt: "Text",
    },
    removedByModerator: "The file “{{name}}” was removed by a moderator. Reason: {{reason}}",
    errors: {
      tooLarge: "The file “{{name}}” is larger than {{size}}. Make it smaller (for example, save the PDF at a lower quality) or split it.",
      tooMany: "You can attach at most {{count}} files. Remove the extra ones.",
      dailyLimit: "You can upload {{limit}} a day and have uploaded {{used}}. Try later, or attach a link.",
      notAllowed:
        "A file like “{{name}}” cannot be attached. Photos (JPEG, PNG, WebP), PDF, Word, Excel, PowerPoint, OpenDocument and TXT files can.",
      empty: "The file “{{name}}” is empty.",
      damaged: "The file “{{name}}” could not be read: it may be damaged. Save it again and try once more.",
      imageTooBig: "The image “{{name}}” is too large. Make it smaller (up to {{megapixels}} megapixels) and try again.",
      uploadFailed: "The file “{{name}}” did not upload. Try again, or press Publish: the file goes with the form.",
      notYours: "This file is no longer attached to the form: please upload it again.",
    },
  },
} as const satisfies English<typeof ru>;
