import { MemoryStateStore } from "../../../bridge/state/memory-store.ts";
import { storeContract } from "./store-contract.ts";

storeContract("memory store", async (options) => new MemoryStateStore(options));
