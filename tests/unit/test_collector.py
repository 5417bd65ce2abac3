"""`collector.paused`: automatic garbage collection off inside, the caller's setting back
after — on error, when the caller had turned it off, and when pauses overlap."""

import gc

import pytest

from mediate import collector


@pytest.fixture(autouse=True)
def collector_on():
    enabled = gc.isenabled()
    gc.enable()
    yield
    if enabled:
        gc.enable()
    else:
        gc.disable()


def test_collection_is_off_inside_and_back_on_after():
    with collector.paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_collection_is_back_on_after_an_interrupt():
    with pytest.raises(KeyboardInterrupt), collector.paused():
        raise KeyboardInterrupt
    assert gc.isenabled()


def test_a_caller_who_turned_collection_off_keeps_it_off():
    gc.disable()
    with collector.paused():
        pass
    assert not gc.isenabled()


def test_the_thresholds_are_left_as_the_caller_set_them():
    thresholds = gc.get_threshold()
    gc.set_threshold(5000, 20, 30)
    try:
        with collector.paused():
            assert gc.get_threshold() == (5000, 20, 30)
        assert gc.get_threshold() == (5000, 20, 30)
    finally:
        gc.set_threshold(*thresholds)


def test_overlapping_pauses_turn_collection_on_when_the_last_ends():
    """Two imports in two threads: the first to end must not turn it on under the other,
    and the last must give back what the first found."""
    first, second = collector.paused(), collector.paused()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)
    assert not gc.isenabled()
    second.__exit__(None, None, None)
    assert gc.isenabled()


def test_the_young_generations_are_collected_on_request():
    class Node:
        pass

    with collector.paused():
        node = Node()
        node.me = node
        del node
        assert collector.collect_young() >= 1
