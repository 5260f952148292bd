/** Each test worker searches its own index of the shared Meilisearch process. */
import { inject } from "vitest";

process.env.MEILI_URL = inject("meiliUrl");
process.env.MEILI_MASTER_KEY = inject("meiliKey");
process.env.MEILI_INDEX = `threads_${process.env.VITEST_POOL_ID ?? "0"}_${process.pid}`;
