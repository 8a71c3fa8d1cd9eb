import pointrules


def test_shop_example_loads():
    program = pointrules.load("examples/shop.points")
    assert program.name == "Shop Rewards"
    assert [t.name for t in program.tiers] == ["member", "silver", "gold", "diamond"]
