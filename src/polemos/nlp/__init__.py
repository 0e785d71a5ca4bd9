"""polemos' NLP layer: the only part of polemos that imports spaCy."""

from .assembly import doc_to_analysis
from .pipeline import STEPS, build_pipeline, pipeline_version

__all__ = ["STEPS", "build_pipeline", "doc_to_analysis", "pipeline_version"]
