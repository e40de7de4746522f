// A VM with Debian's own kernel, for recording kernel oracles that the running kernel cannot make
// (today's lacks the seg6 lightweight tunnels; Debian's has them, and SRv6 HMAC and IOAM transit).
//
// Nothing is installed on this machine: Debian's kernel package is fetched with `apt-get download`
// and unpacked into a cache; a small initramfs (busybox, the virtio/9p/veth modules, init.sh) boots
// it under qemu; init.sh mounts this machine's root file system read-only over 9p, so the guest runs
// this very checkout, Node, iproute2, tcpdump, tshark and scapy, and writes its recordings into a
// second, writable 9p share. Emulated (TCG) by default, since nested KVM hung on the machines here;
// MANYCAST_VM_ACCEL=kvm tries KVM.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { REPO } from "../support/repo.js";

// (REPO: the checkout, also when this runs compiled from dist/)
const INIT = join(REPO, "test", "kernel-oracles", "vm-init.sh");
const GUEST_SCRIPT = join(REPO, "dist", "test", "kernel-oracles", "record.js");
/** Debian's kernel meta-package; its one dependency is the image to boot. */
const KERNEL_META = process.env.MANYCAST_VM_KERNEL ?? "linux-image-amd64";
/**
 * Where it comes from. Bookworm's own 6.1 has seg6 and seg6local but not the End PSP flavour (Linux
 * 6.4), so the default is bookworm-backports (6.12 when this was written), fetched through a private
 * apt state in the cache: this machine's apt sources stay as they are.
 */
const SUITE = process.env.MANYCAST_VM_SUITE ?? "bookworm-backports";
const MIRROR = process.env.MANYCAST_VM_MIRROR ?? "http://deb.debian.org/debian";
/** What the guest needs beyond the kernel image: 9p over virtio for the shares, veth for the labs. */
const MODULES = ["virtio_pci", "9pnet_virtio", "9p", "veth"];
/** Emulation is some 20 to 40 times slower than the host: the labs' timeouts stretch by this. */
const TIME_SCALE = process.env.MANYCAST_VM_TIME_SCALE ?? "8";

const cacheRoot = (): string => join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "manycast", "kernel-vm");

function which(cmd: string): boolean {
  return spawnSync("which", [cmd], { stdio: "ignore" }).status === 0;
}

/** Why the VM cannot start here, or undefined when it can. */
export function vmAvailable(): string | undefined {
  const missing: string[] = [];
  if (!which("qemu-system-x86_64")) missing.push("qemu-system-x86_64 (apt-get install qemu-system-x86)");
  if (!staticBusybox()) missing.push("a statically linked busybox (apt-get install busybox-static)");
  for (const t of ["apt-get", "apt-cache", "dpkg-deb", "gzip"]) if (!which(t)) missing.push(t);
  if (!existsSync(GUEST_SCRIPT)) missing.push(`${GUEST_SCRIPT} (npm run record:kernel builds it)`);
  if (/\s/.test(REPO)) missing.push(`a checkout path without spaces (${REPO})`);
  return missing.length ? `missing ${missing.join(", ")}` : undefined;
}

function staticBusybox(): string | undefined {
  for (const p of ["/bin/busybox", "/usr/bin/busybox"]) {
    if (!existsSync(p)) continue;
    const ldd = spawnSync("ldd", [p], { encoding: "utf8" });
    if (`${ldd.stdout}${ldd.stderr}`.includes("not a dynamic executable")) return p;
  }
  return undefined;
}

interface Kernel {
  /** e.g. linux-image-6.1.0-57-amd64 */
  pkg: string;
  /** e.g. 6.1.192-3 */
  version: string;
  release: string;
  vmlinuz: string;
  modules: string;
}

/** apt-get / apt-cache with their own sources list and state under the cache. */
function privateApt(tool: "apt-get" | "apt-cache", args: string[], cwd?: string): string {
  const dir = join(cacheRoot(), "apt", SUITE);
  for (const d of ["lists/partial", "cache/archives/partial"]) mkdirSync(join(dir, d), { recursive: true });
  writeFileSync(join(dir, "sources.list"), `deb ${MIRROR} ${SUITE} main\n`);
  const options = [
    `Dir::Etc::SourceList=${join(dir, "sources.list")}`,
    "Dir::Etc::SourceParts=/dev/null",
    "APT::Sandbox::User=root", // the cache is root's; the _apt user could not write into it
    `Dir::State::Lists=${join(dir, "lists")}`,
    `Dir::Cache=${join(dir, "cache")}`,
  ].flatMap((o) => ["-o", o]);
  return execFileSync(tool, [...options, ...args], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
}

/** Downloads (once) and unpacks Debian's kernel image package from SUITE. */
function debianKernel(): Kernel {
  console.log(`vm: asking Debian ${SUITE} for ${KERNEL_META}`);
  privateApt("apt-get", ["-q", "update"]);
  const deps = privateApt("apt-cache", ["depends", KERNEL_META]);
  const pkg = /Depends:\s*(linux-image-\S+)/.exec(deps)?.[1];
  if (!pkg) throw new Error(`apt-cache depends ${KERNEL_META} (${SUITE}) names no linux-image package:\n${deps}`);
  const policy = privateApt("apt-cache", ["policy", pkg]);
  const version = /Candidate:\s*(\S+)/.exec(policy)?.[1] ?? "unknown";
  const dir = join(cacheRoot(), `${pkg}_${version}`);
  const root = join(dir, "root");
  if (!existsSync(join(dir, "unpacked"))) {
    mkdirSync(dir, { recursive: true });
    console.log(`vm: fetching ${pkg} ${version}`);
    privateApt("apt-get", ["-q", "download", `${pkg}=${version}`], dir);
    const deb = readdirSync(dir).find((f) => f.startsWith(pkg) && f.endsWith(".deb"));
    if (!deb) throw new Error(`apt-get download ${pkg} left no .deb in ${dir}`);
    execFileSync("dpkg-deb", ["-x", join(dir, deb), root]);
    writeFileSync(join(dir, "unpacked"), "");
  }
  const modulesDir = [join(root, "lib", "modules"), join(root, "usr", "lib", "modules")].find((d) => existsSync(d));
  if (!modulesDir) throw new Error(`${pkg} has no lib/modules`);
  const release = readdirSync(modulesDir)[0];
  return { pkg, version, release, vmlinuz: join(root, "boot", `vmlinuz-${release}`), modules: join(modulesDir, release) };
}

/** Every module file under dir, by module name (dashes and underscores alike). */
function moduleFiles(dir: string, out = new Map<string, string>()): Map<string, string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) moduleFiles(p, out);
    else if (/\.ko(\.xz|\.zst)?$/.test(e.name)) out.set(e.name.replace(/\.ko(\.xz|\.zst)?$/, "").replace(/-/g, "_"), p);
  }
  return out;
}

function moduleBytes(file: string): Buffer {
  if (file.endsWith(".xz")) return execFileSync("xz", ["-dc", file], { maxBuffer: 64 << 20 });
  if (file.endsWith(".zst")) return execFileSync("zstd", ["-dc", file], { maxBuffer: 64 << 20 });
  return readFileSync(file);
}

/** The modules `wanted` needs, dependencies first (read from each module's depends= field). */
function moduleOrder(wanted: readonly string[], files: Map<string, string>): string[] {
  const order: string[] = [];
  const visit = (name: string): void => {
    if (order.includes(name)) return;
    const file = files.get(name);
    if (!file) return; // built into the kernel
    const info = moduleBytes(file).toString("latin1");
    const deps = /depends=([^\0]*)/.exec(info)?.[1] ?? "";
    for (const d of deps.split(",").filter(Boolean)) visit(d.replace(/-/g, "_"));
    order.push(name);
  };
  for (const w of wanted) visit(w);
  return order;
}

function buildInitramfs(kernel: Kernel): string {
  const dir = join(cacheRoot(), `${kernel.pkg}_${kernel.version}`);
  const out = join(dir, "initramfs.gz");
  const tree = mkdtempSync(join(tmpdir(), "manycast-initramfs-"));
  for (const d of ["bin", "mods", "proc", "sys", "dev", "newroot"]) mkdirSync(join(tree, d));
  copyFileSync(staticBusybox()!, join(tree, "bin", "busybox"));
  const files = moduleFiles(kernel.modules);
  const order = moduleOrder(MODULES, files);
  for (const m of order) writeFileSync(join(tree, "mods", `${m}.ko`), moduleBytes(files.get(m)!));
  writeFileSync(join(tree, "init"), readFileSync(INIT, "utf8").replace("@MODULES@", order.join(" ")), { mode: 0o755 });
  execFileSync("sh", ["-c", `cd '${tree}' && find . | ./bin/busybox cpio -o -H newc 2>/dev/null | gzip -1 > '${out}'`]);
  return out;
}

/**
 * Boots Debian's kernel and runs `record.js --guest` for the given recording ids inside it.
 * Returns the directory the guest recorded into (its own recordings.json and files).
 */
export async function recordInVm(ids: readonly string[]): Promise<string> {
  const kernel = debianKernel();
  const initramfs = buildInitramfs(kernel);
  const out = mkdtempSync(join(tmpdir(), "manycast-vm-out-"));
  const where = `qemu: Debian ${SUITE} ${kernel.pkg} ${kernel.version}`;
  writeFileSync(join(out, "job.json"), JSON.stringify({ where, ids }));
  const node = process.execPath;
  const args = ["--only", ids.join(",")].join(" ");
  const accel = process.env.MANYCAST_VM_ACCEL === "kvm" ? ["-accel", "kvm", "-cpu", "host"] : ["-accel", "tcg", "-cpu", "max"];
  const argv = [
    ...accel,
    "-m",
    "2048",
    "-smp",
    "2",
    "-nographic",
    "-no-reboot",
    "-net",
    "none",
    "-kernel",
    kernel.vmlinuz,
    "-initrd",
    initramfs,
    "-append",
    `console=ttyS0 panic=-1 quiet manycast.repo=${REPO.replace(/\/$/, "")} manycast.node=${node} manycast.scale=${TIME_SCALE} manycast.args=${args.replace(/ /g, "+")}`,
    "-virtfs",
    "local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap",
    "-virtfs",
    `local,path=${out},mount_tag=out,security_model=none`,
  ];
  console.log(`vm: booting ${kernel.release} (${where}); the guest's console follows`);
  const started = Date.now();
  await new Promise<void>((resolve, reject) => {
    const qemu = spawn("qemu-system-x86_64", argv, { stdio: ["ignore", "pipe", "pipe"] });
    // The serial console arrives in arbitrary pieces: print whole lines, without the BIOS's escapes.
    let pending = "";
    const prefix = (d: Buffer): void => {
      const lines = (pending + d.toString()).split(/\r?\n/);
      pending = lines.pop() ?? "";
      // eslint-disable-next-line no-control-regex -- an ANSI escape sequence is what it skips
      for (const line of lines) if (line.trim() && !/\x1b\[/.test(line)) console.log(`vm| ${line}`);
    };
    qemu.stdout.on("data", prefix);
    qemu.stderr.on("data", prefix);
    const limit = setTimeout(() => qemu.kill("SIGKILL"), 60 * 60_000);
    qemu.on("error", reject);
    qemu.on("close", (code) => {
      clearTimeout(limit);
      if (pending.trim()) console.log(`vm| ${pending}`);
      if (code === 0) resolve();
      else reject(new Error(`qemu exited with ${code}`));
    });
  });
  const status = existsSync(join(out, "status")) ? readFileSync(join(out, "status"), "utf8").trim() : "none";
  console.log(`vm: done in ${Math.round((Date.now() - started) / 1000)} s, guest status ${status}`);
  if (status !== "0") throw new Error(`the recorder in the VM failed (status ${status}); its console output is above`);
  if (!existsSync(join(out, "recordings.json"))) throw new Error(`the VM wrote no recordings.json into ${out}`);
  return out;
}
