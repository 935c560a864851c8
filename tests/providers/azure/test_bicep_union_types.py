"""Bicep union types written one member a line, the first `|` on the line after the name (as
Azure Verified Modules write them): the template parses and its resources are scanned."""

from __future__ import annotations

import textwrap

from aispm.providers.azure.bicep import syntax
from aispm.providers.azure.bicep.parser import parse
from aispm.scan import scan


def test_param_union_led_by_bar_on_the_next_line_parses():
    prog = parse("param mode\n  | 'A'\n  | 'B'\nparam other string = 'x'\n")
    mode, other = prog.statements
    assert isinstance(mode.type, syntax.TypeUnion)
    assert [m.value for m in mode.type.members] == ["A", "B"]
    assert other.name == "other" and other.default is not None


def test_output_and_nullable_union_on_following_lines_parse():
    prog = parse("param tier (\n  | 'Free'\n  | 'Basic')?\noutput o\n  | 'A'\n  | 'B' = 'A'\n")
    assert [type(s).__name__ for s in prog.statements] == ["Param", "Output"]


def test_template_with_multi_line_union_is_scanned_without_error(tmp_path):
    (tmp_path / "main.bicep").write_text(textwrap.dedent("""\
        @description('Network access')
        param publicNetworkAccess
          | 'Enabled'
          | 'Disabled' = 'Disabled'

        resource acct 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
          name: 'oai'
          location: 'eastus'
          kind: 'OpenAI'
          properties: { publicNetworkAccess: publicNetworkAccess }
        }
        """))
    result = scan([tmp_path])
    assert result.errors == []
    (acct,) = [a for a in result.assets if a.type == "Microsoft.CognitiveServices/accounts"]
    assert acct.facts["public_network_access"] is False
