import type { PacketName } from "./packet-ids.ts";
import type { InferShape, Shape, StructField } from "./schema.ts";

/** Every event code of a format, each with its details layout, or null when the event carries none. */
export type EventLayouts = { readonly [code: string]: StructField | null };

/** One packetFormat's layouts: the header, each packet's body (after the header) and the event union. */
export interface FormatDefinition {
  readonly packetFormat: number;
  readonly header: StructField;
  /** Bodies of every packet except the Event packet, which is decoded per event code. */
  readonly packets: { readonly [N in Exclude<PacketName, "event">]?: StructField };
  /** Size in bytes of the event details union (0 for 2018, whose events carry no details). */
  readonly eventDetailsBytes: number;
  readonly events: EventLayouts;
}

export function defineFormat<const D extends FormatDefinition>(definition: D): D {
  return definition;
}

type ShapeOf<F> = F extends StructField<infer S> ? InferShape<S> : never;
type Header<D extends FormatDefinition> = ShapeOf<D["header"]>;

/** The Event packet's body: a discriminated union on eventStringCode. */
export type EventData<E extends EventLayouts> = {
  [C in keyof E & string]: {
    eventStringCode: C;
    eventDetails: E[C] extends StructField<infer S extends Shape> ? InferShape<S> : null;
  };
}[keyof E & string];

/** Every packet a format can decode, as a union discriminated on `name` (and `packetFormat`). */
export type PacketsOf<D extends FormatDefinition> =
  | {
      [N in keyof D["packets"] & PacketName]: {
        packetFormat: D["packetFormat"];
        name: N;
        header: Header<D>;
        data: ShapeOf<D["packets"][N]>;
      };
    }[keyof D["packets"] & PacketName]
  | { packetFormat: D["packetFormat"]; name: "event"; header: Header<D>; data: EventData<D["events"]> };
