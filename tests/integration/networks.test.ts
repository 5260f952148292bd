import { describe, expect, it } from "vitest";
import { action as networkAction, loader as networkLoader } from "~/routes/n.$slug";
import { action as membersAction, loader as membersLoader } from "~/routes/n.$slug_.members";
import { action as createNetwork } from "~/routes/admin.networks.new";
import { loader as adminLoader } from "~/routes/admin._index";
import { getNetworkBySlug } from "~/networks/networks.server";
import { form, get, makeNetwork, makeUser, membership, run } from "./helpers";

const networkFields = (slug: string) => ({
  name: "Учителя Томской области",
  slug,
  region: "Томская область",
  timeZone: "Asia/Tomsk",
  description: "Сеть взаимопомощи",
  visibility: "public",
});

describe("networks", () => {
  it("are created by admins with a time zone", async () => {
    const admin = await makeUser({ isAdmin: true });
    const slug = `tomsk-${process.pid}`;
    const response = await run(createNetwork, form("/admin/networks/new", networkFields(slug), { cookie: admin.cookie }));
    expect(response.status).toBe(302);
    expect(getNetworkBySlug(slug)).toMatchObject({ timeZone: "Asia/Tomsk", region: "Томская область" });
  });

  it("refuse a taken address, an unknown time zone and a bad slug, field by field", async () => {
    const admin = await makeUser({ isAdmin: true });
    const existing = makeNetwork();
    const taken = await run(createNetwork, form("/admin/networks/new", networkFields(existing.slug), { cookie: admin.cookie }));
    expect(taken.status).toBe(400);
    expect(((await taken.json()) as { error: Record<string, string[]> }).error.slug).toEqual(["errors.slugTaken"]);
    const bad = await run(
      createNetwork,
      form("/admin/networks/new", { ...networkFields("Томск!"), timeZone: "Mars/Olympus" }, { cookie: admin.cookie }),
    );
    const errors = ((await bad.json()) as { error: Record<string, string[]> }).error;
    expect(errors.slug).toEqual(["errors.slugFormat"]);
    expect(errors.timeZone).toEqual(["errors.unknownTimeZone"]);
  });

  it("cannot be created by a moderator or a teacher", async () => {
    const network = makeNetwork();
    const moderator = await makeUser({ networkId: network.id, moderator: true });
    const response = await run(createNetwork, form("/admin/networks/new", networkFields("nope"), { cookie: moderator.cookie }));
    expect(response.status).toBe(403);
    expect((await run(adminLoader, get("/admin", { cookie: moderator.cookie }))).status).toBe(403);
  });

  it("are joined and left by teachers", async () => {
    const network = makeNetwork();
    const user = await makeUser();
    expect(
      (await run(networkAction, form(`/n/${network.slug}`, { intent: "join" }, { cookie: user.cookie }), { slug: network.slug })).status,
    ).toBe(302);
    expect(membership(user.id, network.id)).toBeDefined();
    await run(networkAction, form(`/n/${network.slug}`, { intent: "leave" }, { cookie: user.cookie }), { slug: network.slug });
    expect(membership(user.id, network.id)).toBeUndefined();
  });

  it("members-only ones are not joined by oneself, and their page shows no threads to outsiders", async () => {
    const network = makeNetwork("members");
    const user = await makeUser();
    const join = await run(networkAction, form(`/n/${network.slug}`, { intent: "join" }, { cookie: user.cookie }), { slug: network.slug });
    expect(join.status).toBe(403);
    const page = (await (await run(networkLoader, get(`/n/${network.slug}`, { cookie: user.cookie }), { slug: network.slug })).json()) as {
      list: unknown;
      staff: unknown;
    };
    expect(page.list).toBeNull();
    expect(page.staff).toBeNull();
  });

  it("an unknown network is a 404", async () => {
    expect((await run(networkLoader, get("/n/atlantida"), { slug: "atlantida" })).status).toBe(404);
  });
});

describe("roles", () => {
  it("admins grant and take back mentor and moderator", async () => {
    const network = makeNetwork();
    const admin = await makeUser({ isAdmin: true });
    const teacher = await makeUser({ networkId: network.id });
    const grant = (role: string, value: string) =>
      run(membersAction, form(`/n/${network.slug}/members`, { userId: String(teacher.id), role, grant: value }, { cookie: admin.cookie }), {
        slug: network.slug,
      });
    expect((await grant("moderator", "true")).status).toBe(200);
    expect((await grant("mentor", "true")).status).toBe(200);
    expect(membership(teacher.id, network.id)).toMatchObject({ isModerator: true, isMentor: true });
    await grant("moderator", "false");
    expect(membership(teacher.id, network.id)).toMatchObject({ isModerator: false, isMentor: true });
  });

  it("moderators make mentors in their own network but not moderators, and nothing in another network", async () => {
    const network = makeNetwork();
    const other = makeNetwork();
    const moderator = await makeUser({ networkId: network.id, moderator: true });
    const teacher = await makeUser({ networkId: network.id });
    const elsewhere = await makeUser({ networkId: other.id });
    const post = (slug: string, userId: number, role: string) =>
      run(membersAction, form(`/n/${slug}/members`, { userId: String(userId), role, grant: "true" }, { cookie: moderator.cookie }), {
        slug,
      });
    expect((await post(network.slug, teacher.id, "mentor")).status).toBe(200);
    expect((await post(network.slug, teacher.id, "moderator")).status).toBe(403);
    expect((await post(other.slug, elsewhere.id, "mentor")).status).toBe(403);
    expect(membership(teacher.id, network.id)).toMatchObject({ isMentor: true, isModerator: false });
    expect(membership(elsewhere.id, other.id)).toMatchObject({ isMentor: false });
  });

  it("teachers cannot open the members screen", async () => {
    const network = makeNetwork();
    const teacher = await makeUser({ networkId: network.id });
    expect((await run(membersLoader, get(`/n/${network.slug}/members`, { cookie: teacher.cookie }), { slug: network.slug })).status).toBe(
      403,
    );
  });

  it("a signed-out visitor is sent to log in", async () => {
    const network = makeNetwork();
    const response = await run(membersLoader, get(`/n/${network.slug}/members`), { slug: network.slug });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  });

  it("moderators add registered teachers to a members-only network by email", async () => {
    const network = makeNetwork("members");
    const moderator = await makeUser({ networkId: network.id, moderator: true });
    const teacher = await makeUser();
    const response = await run(
      membersAction,
      form(`/n/${network.slug}/members`, { intent: "add", email: teacher.email.toUpperCase() }, { cookie: moderator.cookie }),
      { slug: network.slug },
    );
    expect(response.status).toBe(200);
    expect(membership(teacher.id, network.id)).toBeDefined();
    const unknown = await run(
      membersAction,
      form(`/n/${network.slug}/members`, { intent: "add", email: "nobody@example.org" }, { cookie: moderator.cookie }),
      { slug: network.slug },
    );
    expect(unknown.status).toBe(400);
  });
});
