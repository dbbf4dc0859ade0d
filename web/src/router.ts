// Routes live in the hash, so a reload (or a shared link) resumes the same view:
// #/  #/session/<uid>  #/driver/<uid>[?car=N]  #/monitor[?token=...]
export type Route =
  | { readonly view: "home" }
  | { readonly view: "session"; readonly uid: string }
  | { readonly view: "driver"; readonly uid: string; readonly car?: number }
  | { readonly view: "monitor"; readonly token?: string };

export function parseRoute(hash: string): Route {
  const [path = "", query = ""] = hash.replace(/^#/, "").split("?");
  const params = new URLSearchParams(query);
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  const [view, uid] = parts;
  if ((view === "session" || view === "driver") && uid) {
    const car = params.get("car");
    if (view === "driver" && car !== null && /^\d+$/.test(car)) return { view, uid, car: Number(car) };
    return { view, uid };
  }
  if (view === "monitor") {
    const token = params.get("token");
    return token ? { view, token } : { view };
  }
  return { view: "home" };
}

export function href(route: Route): string {
  switch (route.view) {
    case "home":
      return "#/";
    case "session":
      return `#/session/${encodeURIComponent(route.uid)}`;
    case "driver":
      return `#/driver/${encodeURIComponent(route.uid)}${route.car === undefined ? "" : `?car=${route.car}`}`;
    case "monitor":
      return `#/monitor${route.token ? `?token=${encodeURIComponent(route.token)}` : ""}`;
  }
}
