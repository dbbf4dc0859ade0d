#!/usr/bin/env node
// Entry point of `slipstream`: registers tsx so the TypeScript sources run as they are, no build step.
import { register } from "tsx/esm/api";

register();
const { main, processContext } = await import("../cli/main.ts");
process.exitCode = await main(process.argv.slice(2), processContext());
