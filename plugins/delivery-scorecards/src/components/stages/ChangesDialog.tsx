import { useApi } from '@backstage/core-plugin-api';
import Dialog from '@material-ui/core/Dialog';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';
import { DateTime } from 'luxon';
import { PagedChanges } from '@internal/backstage-plugin-delivery-react';
import { doraScorecardsApiRef } from '../../api';

/** Changes per page of the dialog. */
const PAGE_SIZE = 50;

const day = (iso: string) =>
  DateTime.fromISO(iso).toLocaleString(DateTime.DATE_MED);

/** The changes behind the stage bar: deployed in the window, or awaiting deploy. */
export function ChangesDialog(props: {
  open: boolean;
  onClose: () => void;
  entityRef: string;
  from: string;
  to: string;
}) {
  const { open, onClose, entityRef, from, to } = props;
  const api = useApi(doraScorecardsApiRef);
  return (
    <Dialog open={open} onClose={onClose} maxWidth="lg" fullWidth>
      <DialogTitle>
        Changes from {day(from)} to {day(to)}
      </DialogTitle>
      <DialogContent>
        <Typography
          variant="caption"
          color="textSecondary"
          component="p"
          paragraph
        >
          The pull and merge requests whose first production deployment finished
          in the period (the stages count them), and those merged in it that
          await one. Newest first.
        </Typography>
        {open && (
          <PagedChanges
            data-testid="stage-drilldown"
            requestKey={`${entityRef} ${from} ${to}`}
            fetchPage={cursor =>
              api.listChanges({
                entityRef,
                from,
                to,
                limit: PAGE_SIZE,
                cursor,
              })
            }
            empty="No change was deployed or merged in this period."
          />
        )}
      </DialogContent>
    </Dialog>
  );
}
