"""mediate — pre-litigation dispute mediation workflow for clerks (诉前调解工作流)."""

__version__ = "0.1.0"
