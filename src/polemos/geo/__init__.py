"""Places: the GeoNames-based index and the geocoder that picks one place per name in context."""

from .gazetteer import Gazetteer, Place, gazetteer
from .names import normalise

__all__ = ["Gazetteer", "Place", "gazetteer", "normalise"]
