/** Loading an announcement for a route: 404 for a missing one and for anyone it is hidden from. */
import type { User } from "lucia";
import { getNetworkById } from "~/networks/networks.server";
import { can, type Context } from "~/permissions/permissions";
import { announcementContext, getAnnouncement, type Announcement } from "./announcements.server";
import { notFound } from "~/http/responses.server";

export type Loaded = { announcement: Announcement; network: NonNullable<ReturnType<typeof getNetworkById>>; context: Context };

export function announcementOr404(id: string | undefined, user: User | null): Loaded {
  const announcement = getAnnouncement(Number(id));
  const network = announcement ? getNetworkById(announcement.networkId) : undefined;
  if (!announcement || !network) throw notFound();
  const context = announcementContext(user, network, announcement);
  if (!can("readAnnouncement", context)) throw notFound();
  return { announcement, network, context };
}
