// What every view gets, and what it gives back: a function to tear itself down when the route changes.
import type { Connection } from "./net/connection.ts";
import type { Route } from "./router.ts";

export interface AppContext {
  readonly connection: Connection;
  readonly route: Route;
}

export type View = (root: HTMLElement, ctx: AppContext) => () => void;
