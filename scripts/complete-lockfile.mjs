// Adds lock-file entries for platform-specific optional packages that this machine's registry
// does not serve (it carries only the linux-x64 builds of some packages, e.g. @next/swc-*).
// Without them `npm ci` calls the lock "out of sync". The entries carry the os/cpu that npm
// reads to skip the package, so nothing is ever fetched for them.
//
//   node scripts/complete-lockfile.mjs      (after any `npm install <package>`)
import fs from "node:fs";
import path from "node:path";

const OPERATING_SYSTEMS = ["darwin", "win32", "android", "freebsd", "openharmony", "linux"];
const CPUS = ["arm64", "x64", "ia32", "arm", "loong64", "ppc64", "riscv64", "s390x", "wasm32"];

function platformOf(name) {
  const tail = name.split("/").pop();
  const os = OPERATING_SYSTEMS.find((candidate) => tail.includes(candidate));
  const cpu = CPUS.find((candidate) => new RegExp(`-${candidate}(-|$)`).test(tail));
  return os && cpu ? { os, cpu } : null;
}

const lockPath = path.resolve(import.meta.dirname, "..", "package-lock.json");
const lock = JSON.parse(fs.readFileSync(lockPath, "utf8"));
const added = [];
for (const [location, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${location ? `${location}/` : ""}node_modules/${name}`;
    if (lock.packages[nested] || lock.packages[`node_modules/${name}`]) continue;
    const platform = platformOf(name);
    if (!platform) continue;
    lock.packages[`node_modules/${name}`] = { version, cpu: [platform.cpu], optional: true, os: [platform.os] };
    added.push(name);
  }
}
const [root, ...rest] = Object.entries(lock.packages);
lock.packages = Object.fromEntries([root, ...rest.sort(([a], [b]) => a.localeCompare(b))]);
fs.writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(added.length ? `Added ${added.length} platform entries: ${added.join(", ")}` : "Lock file already complete.");
