import type { OrganisationMaturityResponse } from '@internal/backstage-plugin-maturity-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { formatRatio, pillarLabels, pillarShare } from '../model/format';
import { ShareBar } from './ShareBar';

/** Per pillar: the share of known check results that pass, and the counts behind it. */
export function Pillars(props: {
  pillars: OrganisationMaturityResponse['pillars'];
}) {
  return (
    <Table
      size="small"
      data-testid="maturity-pillars"
      style={{ whiteSpace: 'nowrap' }}
    >
      <TableHead>
        <TableRow>
          <TableCell>Pillar</TableCell>
          <TableCell style={{ width: '40%' }}>Passing</TableCell>
          <TableCell align="right">Pass</TableCell>
          <TableCell align="right">Fail</TableCell>
          <TableCell align="right">Unknown</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.pillars.map(pillar => {
          const share = pillarShare(pillar);
          return (
            <TableRow
              key={pillar.pillar}
              data-testid="maturity-pillar"
              data-pillar={pillar.pillar}
              data-share={share === null ? '' : String(share)}
              data-pass={pillar.pass}
              data-fail={pillar.fail}
              data-unknown={pillar.unknown}
            >
              <TableCell>{pillarLabels[pillar.pillar]}</TableCell>
              <TableCell>
                <ShareBar
                  share={share}
                  label={`${pillarLabels[pillar.pillar]} passing: ${formatRatio(
                    share,
                    'no known results',
                  )}`}
                />
                {formatRatio(share, 'no known results')}
              </TableCell>
              <TableCell align="right">{pillar.pass}</TableCell>
              <TableCell align="right">{pillar.fail}</TableCell>
              <TableCell align="right">{pillar.unknown}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
