import { json, type ActionFunctionArgs } from "@remix-run/node";
import { readAttachmentField } from "~/files/attachments.server";
import { fileFacts } from "~/files/facts";
import { getLocale, getT } from "~/i18n/i18next.server";
import { requirePermission } from "~/permissions/guards.server";
import { messageText } from "~/utils/validation";

/**
 * Upload at once, for public/enhance.js (a file dropped, pasted or chosen with JavaScript): the
 * files become the user's pending attachments, and the answer is what the form's list shows.
 * Without JavaScript the same happens when the form itself is sent.
 */
export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "uploadFile");
  const [locale, t] = [await getLocale(request), await getT(request)];
  const field = await readAttachmentField(await request.formData(), user.id, locale);
  return json(
    {
      attachments: field.views.map((file) => ({
        id: file.id,
        name: file.name,
        facts: fileFacts(t, locale, file),
        thumb: file.kind === "image" ? (file.previews[0]?.url ?? null) : null,
      })),
      errors: field.errors.map((error) => messageText(t, error)),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}
