from . import certyo_http
from . import certyo_notifier
from . import certyo_anchored_mixin
from . import stock_move
from . import stock_picking
from . import mrp_production
from . import stock_lot
from . import res_config_settings
