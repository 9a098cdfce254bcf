"""mockbsale: a faithful, stateful fake of the Bsale API that sends real Bsale webhooks."""

from mockbsale.config import Settings
from mockbsale.engine import Engine
from mockbsale.server import MockServer

__version__ = "0.1.0"
__all__ = ["Engine", "MockServer", "Settings", "__version__"]
