from . import quality_check
