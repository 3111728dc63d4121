import { makeStyles } from '@material-ui/core/styles';
import { AnchorHTMLAttributes } from 'react';
import { useHref, useLinkClickHandler } from 'react-router-dom';

const useStyles = makeStyles(
  theme => ({
    root: {
      color: theme.palette.primary.main,
      textDecoration: 'none',
      '&:hover': { textDecoration: 'underline' },
    },
  }),
  { name: 'DeliveryCellLink' },
);

/** A CellLink's target in the app; other anchor attributes (title, data-*) pass through. */
export interface CellLinkProps
  extends Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> {
  /** A path in the app, e.g. a resolved route. */
  to: string;
}

/**
 * An in-app link for a cell of a long table, looking like Material UI's Link: one anchor
 * that the app's router navigates (a modified or middle click opens a new tab as usual).
 * A Material UI Link over a router Link mounts five components and two style hooks per
 * cell, and the catalog paints eighty of them at once when its health columns fill in.
 */
export function CellLink(props: CellLinkProps) {
  const { to, className, onClick, children, ...rest } = props;
  const classes = useStyles();
  const href = useHref(to);
  const navigate = useLinkClickHandler(to);
  return (
    <a
      {...rest}
      href={href}
      className={className ? `${classes.root} ${className}` : classes.root}
      onClick={event => {
        onClick?.(event);
        if (!event.defaultPrevented) navigate(event);
      }}
    >
      {children}
    </a>
  );
}
