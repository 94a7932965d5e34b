import { UnitDirectory, UnitsData } from "./directory";
import raw from "./units-2025.json";

/**
 * The list of units (units-2025.json, ~150 KB): imported only here, so the command line takes it
 * directly and the pane loads this module as its own chunk (import("../domain/units/data")).
 */
let cache: UnitDirectory | undefined;

export function unitDirectory(): UnitDirectory {
  cache ??= new UnitDirectory(raw as unknown as UnitsData);
  return cache;
}
