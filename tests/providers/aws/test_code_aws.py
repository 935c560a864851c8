"""A Lambda function `runs` the code folder of the scan its deployment package is built from, so
what that folder installs (a vulnerable library) is the function's."""

from __future__ import annotations

import textwrap
from pathlib import Path

from aispm.providers.aws.link.code import local_path
from aispm.scan import scan


def test_local_path_is_relative_to_the_scanned_target():
    assert local_path("infra/../build/app.zip", "infra/main.tf") == "build/app.zip"  # ${path.module}/..
    assert local_path("../app", "infra/main.tf") == "app"  # relative to the root module
    assert local_path("./src", "template.yaml") == "src"
    assert local_path("src/", "stacks/template.yaml") == "stacks/src"
    for outside in ("../../etc", "/abs/app.zip", "s3://bucket/key.zip", "~/app", "", None, 3):
        assert local_path(outside, "infra/main.tf") is None, outside


def _estate(tmp_path: Path, tf: str) -> Path:
    (tmp_path / "infra").mkdir()
    (tmp_path / "infra" / "main.tf").write_text(textwrap.dedent(tf))
    for d in ("intake", "worker"):
        (tmp_path / d).mkdir()
        (tmp_path / d / "requirements.txt").write_text("langchain==0.0.300\n")
    return tmp_path


def test_functions_run_the_folder_of_their_archive_or_code(tmp_path: Path):
    r = scan([_estate(tmp_path, """\
        data "archive_file" "intake" {
          type        = "zip"
          source_file = "${path.module}/../intake/handler.py"
          output_path = "${path.module}/../build/intake.zip"
        }

        resource "aws_lambda_function" "intake" {
          function_name = "intake"
          role          = "arn:aws:iam::111122223333:role/intake"
          filename      = data.archive_file.intake.output_path
        }

        resource "aws_lambda_function" "worker" {
          function_name = "worker"
          role          = "arn:aws:iam::111122223333:role/worker"
          filename      = "../worker"
        }

        resource "aws_lambda_function" "prebuilt" {
          function_name = "prebuilt"
          role          = "arn:aws:iam::111122223333:role/prebuilt"
          filename      = "prebuilt.zip"
        }

        resource "aws_lambda_function" "elsewhere" {
          function_name = "elsewhere"
          role          = "arn:aws:iam::111122223333:role/elsewhere"
          filename      = "../../outside/app"
        }
        """)])
    assert r.errors == [], r.errors
    by = {a.origin.address: a for a in r.assets}
    runs = {(by_uid.origin.address, t) for by_uid, t in
            ((next(a for a in r.assets if a.uid == x.source), x.target) for x in r.relations if x.verb == "runs")}
    projects = {a.uid: a for a in r.assets if a.type == "code-project"}
    got = {(src, projects[t].properties["project"]) for src, t in runs}
    # source_file: its folder; a folder as the package (as `aws cloudformation package` takes it): a project
    assert got == {("aws_lambda_function.intake", "intake"), ("aws_lambda_function.worker", "worker")}
    assert by["data.archive_file.intake"].properties == {"project": "intake", "archive": "build/intake.zip",
                                                         "packaged_by": "archive_file"}
    # each runs a vulnerable library: a vulnerable workload; a zip of unknown content is not linked
    for fn in ("intake", "worker"):
        assert "vulnerable_to_rce" in by[f"aws_lambda_function.{fn}"].insights, fn
    assert "vulnerable_to_rce" not in by["aws_lambda_function.prebuilt"].insights
    assert "vulnerable_to_rce" not in by["aws_lambda_function.elsewhere"].insights
