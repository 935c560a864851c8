"""The CloudFormation source: templates (YAML and JSON), SAM, nested stacks and CDK output.

`claims` takes every `.yaml`, `.yml`, `.json` and `.template` file by its name (it is called for
every file of the tree, so it never opens one) and `cdk.json`; `load` reads each and keeps only
CloudFormation templates (`document.might_be_template` on the text, then `document.is_template`
on the document: an `azure.yaml`, a Kubernetes manifest, an ARM template or a `package.json` is
left to the sources that read them, uncounted and unreported). Templates that another template
reads as a nested stack are evaluated through their parent, with the parameters it passes
(`template`), not again on their own. A cloud assembly's `manifest.json` is checked against its
templates, and a CDK app without one is a warning (`cdk`).

get → transform → load: `Files` reads and parses each template once, `Template` turns it into
assets, and the result carries them with every error (file, line, short reason) and budget
warning. A template that fails in a way nobody foresaw costs that template only.
"""

from __future__ import annotations

from pathlib import Path

from aispm.formats.depth import recursion_room
from aispm.model import ScanError
from aispm.providers.aws.cloudformation import cdk
from aispm.providers.aws.cloudformation.document import is_template, might_be_template
from aispm.providers.aws.cloudformation.template import FORMAT, Files, Template, child_paths
from aispm.source import SourceContext, SourceResult, read_text

_SUFFIXES = (".yaml", ".yml", ".json", ".template")


class CloudFormationSource:
    """AWS CloudFormation templates, SAM templates and CDK cloud assemblies."""

    name = FORMAT

    claims_by_name = True  # `claims` reads the file's name alone (`aispm.source.Source`)

    def claims(self, path: Path) -> bool:
        return path.suffix.lower() in _SUFFIXES

    def load(self, files: list[Path], ctx: SourceContext) -> SourceResult:
        result = SourceResult()
        store = Files(ctx, result)
        templates = []
        for path in files:
            if path.name == "cdk.json":
                cdk.check_app(path, ctx, result)
                continue
            if cdk.is_assembly_manifest(path):
                cdk.check_manifest(path, ctx, result)
                continue
            parsed = self._parsed(path, ctx, result, store)
            if parsed is not None:
                templates.append(parsed)
        children: set[str] = set()
        for parsed in templates:
            children |= child_paths(parsed)
        roots = [p for p in templates if str(p.path.resolve()) not in children]
        # read through the parent that nests it, with the parameters it passes; but a template
        # that only templates nested in each other name has no parent to be read through
        late = [p for p in templates if str(p.path.resolve()) in children]
        for parsed in roots:
            self._evaluate(parsed, store, ctx, result)
        for parsed in late:
            if str(parsed.path.resolve()) not in store.visited:
                self._evaluate(parsed, store, ctx, result)
        return result

    @staticmethod
    def _evaluate(parsed, store: Files, ctx: SourceContext, result: SourceResult) -> None:
        """One root template and what it nests, into `result`; a failure costs that template only."""
        try:
            with recursion_room(ctx.limits.depth):
                result.assets.extend(Template(store, parsed).assets())
        except RecursionError:
            result.errors.append(ScanError(parsed.rel, None, "template nested too deeply to evaluate"))
        except MemoryError:
            result.errors.append(ScanError(parsed.rel, None, "template too large to evaluate (out of memory)"))
        except Exception as exc:  # noqa: BLE001 - a source never raises for its input
            result.errors.append(ScanError(parsed.rel, None, f"could not evaluate the template: {type(exc).__name__}"))

    @staticmethod
    def _parsed(path: Path, ctx: SourceContext, result: SourceResult, store: Files):
        """The parsed template at `path`, or None when the file is not one (nothing recorded) or
        looks like one and cannot be read (an error recorded)."""
        text, err = read_text(path, ctx)
        if err is not None:
            # as the other YAML and JSON readers do: a file that cannot be read is said (once per
            # scan); but `.template` is a name many tools use, and one that is not text is not ours
            if not (path.suffix.lower() == ".template" and "UTF-8" in err.message):
                result.errors.append(err)
            return None
        if not might_be_template(text or ""):
            return None
        parsed = store.get(path, text)
        result.files += 1
        if parsed is None or not is_template(parsed.doc):
            if parsed is not None:
                result.files -= 1  # YAML or JSON that mentions AWS types but is not a template
            return None
        return parsed
