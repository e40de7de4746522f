// VPP's POT profile list (pot_util.c) over one configuration block in engine memory: a name and
// two slots. Configuring under another name wipes the list first; the active profile is the one
// `set pot profile-active` (or the data path's auto-switch) put in use. Every operation has a
// check that says why it cannot apply, so a CLI line is rejected before anything changes.
import * as L from "../../../assembly/pot/pot-profile.layout.js";
import type { WasmEngine } from "../engine/wasm-engine.js";
import {
  erasePotProfile,
  potProfileFlags,
  readPotProfile,
  setPotProfileFlags,
  writePotProfile,
  type PotProfileConfig,
  type PotProfileState,
} from "./profile.js";

export interface PotListSnapshot {
  name: string; // "" when no list is configured
  profiles: (PotProfileState | undefined)[]; // by id
  activeId: number | undefined;
}

export class PotProfileList {
  private name = "";

  constructor(
    private readonly engine: WasmEngine,
    /** Engine address of the configuration block (POT_CONFIG_SIZE octets, zeroed). */
    readonly address: number,
  ) {}

  private view(): DataView {
    return this.engine.memoryView();
  }

  get listName(): string {
    return this.name;
  }

  /** Why `profile` cannot be configured in list `name`, if it cannot. */
  configureProblem(name: string, id: number): string | undefined {
    if (name === this.name && this.activeId() === id) {
      return `profile ${id} of list '${name}' is in use: clear pot profile first`;
    }
    return undefined;
  }

  /** `set pot profile`: a new list name starts a new, empty list. */
  configure(name: string, profile: PotProfileConfig): void {
    if (name !== this.name) this.clear();
    this.name = name;
    writePotProfile(this.view(), this.address, profile);
  }

  activateProblem(name: string, id: number): string | undefined {
    if (name !== this.name) return `${name} list is not enabled, profile in use ${this.name || "none"}`;
    if (!readPotProfile(this.view(), this.address, id)) return `Profile ${id} not defined in ${this.name}`;
    return undefined;
  }

  /** `set pot profile-active`: the previous profile leaves use (its packet count stays, as in VPP). */
  activate(id: number): void {
    const view = this.view();
    const previous = this.activeId();
    if (previous !== undefined) {
      setPotProfileFlags(view, this.address, previous, potProfileFlags(view, this.address, previous) & ~L.POT_FLAG_IN_USE);
    }
    setPotProfileFlags(view, this.address, id, potProfileFlags(view, this.address, id) | L.POT_FLAG_IN_USE);
    view.setUint32(this.address + L.POT_CONFIG_ACTIVE_ID, id, true);
  }

  /** `clear pot profile [<id>]`: one slot, or the whole list and its name. */
  clear(id?: number): void {
    const view = this.view();
    for (let slot = 0; slot < L.POT_PROFILE_COUNT; slot++) {
      if (id === undefined || id === slot) erasePotProfile(view, this.address, slot);
    }
    if (id === undefined) {
      view.setUint32(this.address + L.POT_CONFIG_ACTIVE_ID, 0, true);
      this.name = "";
    }
  }

  /** The profile in use, if any (the data path may have switched it since the CLI set it). */
  activeId(): number | undefined {
    const view = this.view();
    const id = view.getUint32(this.address + L.POT_CONFIG_ACTIVE_ID, true);
    if (id >= L.POT_PROFILE_COUNT) return undefined;
    return potProfileFlags(view, this.address, id) & L.POT_FLAG_IN_USE ? id : undefined;
  }

  snapshot(): PotListSnapshot {
    const view = this.view();
    const profiles: (PotProfileState | undefined)[] = [];
    for (let id = 0; id < L.POT_PROFILE_COUNT; id++) profiles.push(readPotProfile(view, this.address, id));
    return { name: this.name, profiles, activeId: this.activeId() };
  }
}
