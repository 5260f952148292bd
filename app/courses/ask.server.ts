/** Asking from a course module (/n/:slug/ask?module=ID): which module, and whether this person may ask there. */
import type { User } from "lucia";
import type { Network } from "~/networks/networks.server";
import { can } from "~/permissions/permissions";
import { courseContext } from "./context.server";
import { moduleForAsk } from "./modules.server";
import { forbidden, notFound } from "~/http/responses.server";

/**
 * null without a module; the module and its course when the asker may ask there. A module of
 * another network (or none) is a 404; a course the asker is not enrolled in is a 403 that says so.
 */
export function askingModule(raw: FormDataEntryValue | string | null, network: Network, user: User) {
  if (raw === null || raw === "") return null;
  const id = Number(raw);
  const found = Number.isSafeInteger(id) && id > 0 ? moduleForAsk(network.id, id) : null;
  if (!found) throw notFound();
  if (!can("askInCourse", courseContext(user, network, { id: found.courseId, enrolment: found.enrolment }))) {
    throw forbidden("courses.errors.enrolToAsk");
  }
  return { id: found.moduleId, title: found.moduleTitle, courseId: found.courseId, courseTitle: found.courseTitle };
}
