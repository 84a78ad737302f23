"""Writing a case's inline rows from a plan of steps (`reads.restore_preview.InlineRestoreStep`):
the same code puts an old version's rows back and applies an approved revision's."""


def apply_inline_steps(steps, user):
    """Carry out InlineRestoreStep items (a restore's, or an approved revision's)."""
    # Deletions first, so that a row put back does not collide with one added since.
    for step in sorted(steps, key=lambda step: step.action != "delete"):
        if step.action == "delete":
            step.obj._history_user = user
            step.obj.delete()
        elif step.action == "insert":
            # A restore puts a row back under its old id; a revision's new row gets a new one.
            obj = step.model(pk=getattr(step.obj, "id", None), **step.values)
            obj._history_user = user
            obj.save(force_insert=True)
        else:
            for name, value in step.values.items():
                setattr(step.obj, name, value)
            step.obj._history_user = user
            step.obj.save()
