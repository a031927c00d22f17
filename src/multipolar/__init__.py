"""multipolar: watch the international system through the news."""
from multipolar.model import CODER_VERSION

__version__ = "0.1.0"
__all__ = ["CODER_VERSION", "__version__"]
