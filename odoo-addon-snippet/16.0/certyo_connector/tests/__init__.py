from . import test_certyo_notification
from . import test_certyo_commit
from . import test_certyo_settings
