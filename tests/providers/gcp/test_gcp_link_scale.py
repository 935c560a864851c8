"""The GCP linker's work grows linearly with a project's bindings and resources (issue 9's
multi-cloud benchmark found it quadratic: every project binding resolved every member once per
resource of the project, and each resolution scanned every candidate). The work is counted, not
timed: reference resolutions, role checks and the resources a binding is shown; and
`Index.resolve_everywhere` must answer exactly what `Index.resolve` answers near every uid."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from aispm.model import Asset, Kind, Origin, Unknown
from aispm.providers.gcp import catalog as cat
from aispm.providers.gcp import refs
from aispm.providers.gcp.link import resources as linker
from aispm.scan import ScanOptions, scan


def _root_tf(n_bindings: int, n_resources: int, stack: str) -> str:
    """One Terraform root of project `acme`: a service account, `n_bindings` project bindings
    (one to the account, the others to people the scan does not declare) and `n_resources`
    resources a project-level `roles/aiplatform.user` or `roles/owner` reaches."""
    parts = ["""
        resource "google_service_account" "sa" {
          project    = "acme"
          account_id = "app"
        }
        resource "google_project_iam_member" "sa" {
          project = "acme"
          role    = "roles/aiplatform.user"
          member  = "serviceAccount:${google_service_account.sa.email}"
        }
    """]
    for i in range(n_bindings - 1):
        role = "roles/owner" if i % 2 else "roles/aiplatform.user"
        parts.append(f"""
        resource "google_project_iam_member" "person{i}" {{
          project = "acme"
          role    = "{role}"
          member  = "user:person{i}@example.com"
        }}
        """)
    for i in range(n_resources):
        if i % 2:
            parts.append(f"""
        resource "google_storage_bucket" "b{i}" {{
          project  = "acme"
          name     = "{stack}-data-{i}"
          location = "US"
        }}
        """)
        else:
            parts.append(f"""
        resource "google_vertex_ai_endpoint" "ep{i}" {{
          project      = "acme"
          name         = "{stack}-ep-{i}"
          display_name = "ep"
          location     = "us-central1"
        }}
        """)
    return textwrap.dedent("".join(parts))


class _Work:
    """Counts the linker's work: reference resolutions, root lookups (what a resolution compares
    candidates by), role checks and the resources handed to bindings."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        for name in ("resolve", "resolve_everywhere"):
            monkeypatch.setattr(refs.Index, name, self._counted(getattr(refs.Index, name)))
        monkeypatch.setattr(refs, "_root", self._counted(refs._root))
        monkeypatch.setattr(linker, "_role_reaches", self._counted(linker._role_reaches))
        reach = linker._ProjectScopes.reach

        def counted_reach(*args, **kwargs):
            out = reach(*args, **kwargs)
            self.count += 1 + sum(len(g.by_root) for g in out)
            return out

        monkeypatch.setattr(linker._ProjectScopes, "reach", counted_reach)

    def _counted(self, fn):
        def wrapper(*args, **kwargs):
            self.count += 1
            return fn(*args, **kwargs)
        return wrapper


def _scan_estate(tmp_path: Path, n_bindings: int, n_resources: int):
    # two roots declaring the same account (`google_service_account.sa`): a binding's member
    # must resolve to the account of each resource's own root, as before
    for stack in ("east", "west"):
        (tmp_path / stack).mkdir(parents=True)
        (tmp_path / stack / "main.tf").write_text(_root_tf(n_bindings, n_resources, stack))
    r = scan([tmp_path], ScanOptions(frameworks=("terraform",)))
    assert r.errors == [], r.errors
    return r


def test_project_bindings_link_in_work_linear_in_bindings_plus_resources(tmp_path, monkeypatch):
    # measured: 230, 446, 878 here; the quadratic linker did 1,148, 4,316, 16,700
    n = 12
    counts, edges = [], []
    for scale in (1, 2, 4):
        work = _Work(monkeypatch)
        r = _scan_estate(tmp_path / f"x{scale}", n * scale, n * scale)
        counts.append(work.count)
        monkeypatch.undo()
        by = {a.uid: a for a in r.assets}
        roles = [(by[x.source], by[x.target]) for x in r.relations if x.verb == "has_role_on"]
        # the member names `google_service_account.sa`, declared in both roots: it is the account
        # of the resource's own root (nothing is guessed across roots)
        assert roles and all(sa.type == cat.SERVICE_ACCOUNT for sa, _ in roles)
        assert all(refs.root_of(sa.uid) == refs.root_of(res.uid) for sa, res in roles)
        endpoints = [a for a in r.assets if a.type == cat.ENDPOINT]
        assert {res.uid for _, res in roles if res.type == cat.ENDPOINT} == {a.uid for a in endpoints}
        assert not any(res.type == cat.BUCKET for _, res in roles)  # roles/aiplatform.user: not buckets
        edges.append(len(roles))
    # bindings and resources doubled: the work (and the edges) at most doubles (linear with a
    # constant); a quadratic linker quadruples (it made bindings × resources resolutions)
    assert edges[1] <= 2 * edges[0] and edges[2] <= 2 * edges[1], edges
    assert counts[1] <= 2 * counts[0] and counts[2] <= 2 * counts[1], counts


def _asset(uid: str, type_: str, name, address: str, **props) -> Asset:
    return Asset(uid=uid, provider="gcp", type=type_, name=name, kind=Kind.OTHER, properties=props,
                 origin=Origin(uid.split(":")[1], 1, address, format="terraform"))


def test_resolve_everywhere_answers_what_resolve_answers_near_every_uid():
    sa = cat.SERVICE_ACCOUNT
    assets = [
        # one email, one root: resolves everywhere
        _asset("terraform:a:google_service_account.one", sa, "one", "google_service_account.one",
               email="one@acme.iam.gserviceaccount.com"),
        # one email in roots a and b: resolves only near each of them
        _asset("terraform:a:google_service_account.twin", sa, "twin", "google_service_account.twin",
               email="twin@acme.iam.gserviceaccount.com"),
        _asset("terraform:b:google_service_account.twin", sa, "twin", "google_service_account.twin",
               email="twin@acme.iam.gserviceaccount.com"),
        # twice in root c: ambiguous there, resolves nowhere in c
        _asset("terraform:c:google_service_account.dup1", sa, "dup", "google_service_account.dup1",
               email="dup@acme.iam.gserviceaccount.com"),
        _asset("terraform:c:google_service_account.dup2", sa, "dup", "google_service_account.dup2",
               email="dup@acme.iam.gserviceaccount.com"),
        _asset("terraform:a:google_storage_bucket.twin", cat.BUCKET, "twin", "google_storage_bucket.twin"),
        _asset("terraform:d:google_storage_bucket.b", cat.BUCKET, "data", "google_storage_bucket.b"),
    ]
    index = refs.Index(assets)
    nears = [a.uid for a in assets] + ["terraform:e:google_vertex_ai_endpoint.x", "live-id"]
    refs_ = ["serviceAccount:one@acme.iam.gserviceaccount.com", "serviceAccount:TWIN@acme.iam.gserviceaccount.com",
             "dup@acme.iam.gserviceaccount.com", "user:nobody@example.com", "twin", "data",
             "projects/p/buckets/data", Unknown("google_service_account.twin.email is known after apply"),
             Unknown("google_service_account.one.email is known after apply"), Unknown("no address here"),
             "terraform:a:google_storage_bucket.twin", None, 42]
    resolved = 0
    for v in refs_:
        for types in ((), (sa,), (cat.BUCKET,), (sa, cat.BUCKET)):
            default, by_root = index.resolve_everywhere(v, types)
            for near in nears:
                want = index.resolve(v, types, near=near)
                assert by_root.get(refs.root_of(near), default) is want, (v, types, near)
                resolved += want is not None
    assert resolved  # the table does resolve things
    twin = index.resolve("serviceAccount:twin@acme.iam.gserviceaccount.com", (sa,), near="terraform:b:x.y")
    assert twin is assets[2]
    assert index.resolve("dup@acme.iam.gserviceaccount.com", (sa,), near="terraform:c:x.y") is None
