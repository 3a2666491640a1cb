"""Form tokens and the global rate limit, on a clock the test moves."""

from __future__ import annotations

import datetime as dt

import pytest

from countylines.public.abuse import FormTokens, TokenBucket, TokenPolicy, TokenRefused


class Clock:
    def __init__(self, at: float = 1_700_000_000.0) -> None:
        self.at = at

    def __call__(self) -> float:
        return self.at


def tokens(clock: Clock, min_fill: float = 3) -> FormTokens:
    policy = TokenPolicy(
        lifetime=dt.timedelta(hours=1),
        rotate_after=dt.timedelta(hours=1),
        min_fill=dt.timedelta(seconds=min_fill),
    )
    return FormTokens(policy, clock)


def refused(issuer: FormTokens, token: str) -> str:
    with pytest.raises(TokenRefused) as caught:
        issuer.redeem(token)
    return caught.value.reason


def test_a_token_works_once() -> None:
    clock = Clock()
    issuer = tokens(clock)
    token = issuer.issue()
    clock.at += 10
    issuer.redeem(token)
    assert refused(issuer, token) == "this form has already been sent"
    assert issuer.used_count() == 1


def test_too_quick_then_fine() -> None:
    clock = Clock()
    issuer = tokens(clock)
    token = issuer.issue()
    clock.at += 2.9
    assert refused(issuer, token).startswith("the form was sent too quickly")
    clock.at += 0.2
    issuer.redeem(token)  # not used up by the early try


def test_expiry_after_the_lifetime() -> None:
    clock = Clock()
    issuer = tokens(clock)
    token = issuer.issue()
    clock.at += 3601
    assert "expired" in refused(issuer, token)


def test_a_token_survives_one_rotation_of_the_secret_not_two() -> None:
    clock = Clock()
    issuer = tokens(clock, min_fill=0)
    early = issuer.issue()
    clock.at += 3000
    late = issuer.issue()
    clock.at += 700  # rotation at 3600: the early token is 3700 s old (expired), late 700 s
    issuer.redeem(late)
    assert "expired" in refused(issuer, early)
    again = issuer.issue()
    clock.at += 3600 * 2 + 1  # two rotations later the secret that signed it is gone
    assert refused(issuer, again) == "the form was not sent from this page, or has expired"


@pytest.mark.parametrize(
    "mangle",
    [
        lambda t: "",
        lambda t: "a.b.c",
        lambda t: t + "x",
        lambda t: t.split(".")[0] + "." + str(int(t.split(".")[1]) - 100) + "." + t.split(".")[2],
        lambda t: "A" * 22 + "." + t.split(".", 1)[1],
    ],
    ids=["empty", "junk", "mac-changed", "time-changed", "nonce-changed"],
)
def test_forged_tokens_are_refused(mangle: object) -> None:
    clock = Clock()
    issuer = tokens(clock, min_fill=0)
    token = issuer.issue()
    clock.at += 5
    assert callable(mangle)
    assert "not sent from this page" in refused(issuer, mangle(token))


def test_tokens_from_another_process_are_refused() -> None:
    clock = Clock()
    assert "not sent from this page" in refused(tokens(clock, 0), tokens(clock, 0).issue())


def test_the_rate_limit_allows_a_burst_then_refills_at_its_rate() -> None:
    clock = Clock(0.0)
    bucket = TokenBucket(burst=3, per_hour=60, clock=clock)  # one a minute
    assert [bucket.take() for _ in range(4)] == [True, True, True, False]
    clock.at += 59
    assert bucket.take() is False
    clock.at += 1
    assert bucket.take() is True
    clock.at += 3600  # a long quiet spell refills only up to the burst
    assert [bucket.take() for _ in range(4)] == [True, True, True, False]


def test_policy_and_bucket_refuse_nonsense() -> None:
    with pytest.raises(ValueError):
        TokenPolicy(lifetime=dt.timedelta(hours=2), rotate_after=dt.timedelta(hours=1))
    with pytest.raises(ValueError):
        TokenBucket(burst=0, per_hour=1)
