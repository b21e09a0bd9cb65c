const view = <Item active={state == 'on'} />;
