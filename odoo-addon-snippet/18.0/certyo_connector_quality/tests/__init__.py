from . import test_certyo_quality
