"""The YAML reader with lines: local tags reported on request (CloudFormation's short forms), never
objects, within the same budgets as untagged YAML."""

from __future__ import annotations

import pytest

from aispm.formats.located import DocError, LDict, LList
from aispm.formats.yaml_lines import Tagged, parse_yaml
from aispm.limits import Limits

TEMPLATE = """\
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub "${AWS::StackName}-data"
      Tags:
        - Key: arn
          Value: !GetAtt [Role, Arn]
      Other: !If
        - IsProd
        - {a: 1}
        - !Ref AWS::NoValue
"""


def test_local_tags_are_reported_with_their_value_and_line():
    (doc,) = parse_yaml(TEMPLATE, tags=True)
    props = doc["Resources"]["Bucket"]["Properties"]
    sub = props["BucketName"]
    assert isinstance(sub, Tagged) and sub.tag == "!Sub" and sub.value == "${AWS::StackName}-data" and sub.line == 5
    getatt = props["Tags"][0]["Value"]
    assert getatt.tag == "!GetAtt" and isinstance(getatt.value, LList) and getatt.value == ["Role", "Arn"]
    assert getatt.line == 8
    cond = props["Other"]
    assert cond.tag == "!If" and cond.line == 9
    assert isinstance(cond.value[1], LDict) and cond.value[1].line == 11
    assert cond.value[2] == Tagged("!Ref", "AWS::NoValue", 12)
    assert doc["Resources"].line_of("Bucket") == 2


def test_local_tags_are_errors_unless_asked_for():
    with pytest.raises(DocError) as exc:
        parse_yaml("a: !Ref x\n")
    assert exc.value.line == 1


@pytest.mark.parametrize("text", [
    "a: !!python/object/apply:os.system ['echo hi']\n",
    "a: !<tag:example.com,2000:thing> x\n",
])
def test_tags_that_are_not_local_stay_errors(text):
    with pytest.raises(DocError):
        parse_yaml(text, tags=True)


def test_yaml_own_tags_still_mean_what_yaml_says():
    (doc,) = parse_yaml("a: !!str 3\nb: !!int '4'\nc: 2010-09-09\n", tags=True)
    assert doc == {"a": "3", "b": 4, "c": "2010-09-09"}


def test_aliases_of_tagged_nodes_are_shared_and_budgeted():
    (doc,) = parse_yaml("a: &r !Ref x\nb: *r\n", tags=True)
    assert doc["a"] is doc["b"]
    bomb = "a: &a !Join ['', [x, x, x, x, x, x, x, x, x, x]]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} !Join ['', [{', '.join(['*' + chr(97 + i)] * 10)}]]\n" for i in range(8))
    with pytest.raises(DocError) as exc:
        parse_yaml(bomb, Limits(collection_size=10_000), tags=True)
    assert "budget" in exc.value.message


def test_deep_tagged_nesting_is_refused_with_its_line():
    text = "a: " + "!Not [" * 300 + "x" + "]" * 300 + "\n"
    with pytest.raises(DocError) as exc:
        parse_yaml(text, Limits(depth=50), tags=True)
    assert exc.value.line == 1 and "deeper" in exc.value.message


def test_dates_on_request():
    import datetime

    assert parse_yaml("d: 2001-12-14\n") == [{"d": "2001-12-14"}]
    (doc,) = parse_yaml("d: 2001-12-14\ns: '2001-12-14'\n", dates=True)
    assert doc == {"d": datetime.date(2001, 12, 14), "s": "2001-12-14"} and doc.line_of("s") == 2
