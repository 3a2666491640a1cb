"""A gazetteer of UK towns and districts for county-lines work: hubs and markets.

Written for this project from public knowledge of places (Ordnance Survey and ONS names):
every town and large village of Essex, the London boroughs and their well-known districts,
and the cities and towns of England, Wales, Scotland and Northern Ireland that county-lines
reporting names as hubs or markets. More names can be given at run time (the workspace's
loaded geography: ``extract(..., gazetteer=...)``).

One place a line: ``Canonical name | other spelling | …``. A leading ``*`` marks a name that
is also an everyday word or a person's name (``Reading``, ``Preston``, ``Barking``): it is
taken only in capitals and after a word that places it (``in Reading``, ``from Preston``).
Other names are also taken in lower case (``down from london``) when they are one word not
in :data:`NOT_IN_LOWER_CASE`.
"""

from __future__ import annotations

_ESSEX = """
Clacton-on-Sea | Clacton | Clacton on Sea
Jaywick
Holland-on-Sea | Holland on Sea
Great Clacton
Little Clacton
Frinton-on-Sea | Frinton | Frinton on Sea
Walton-on-the-Naze | Walton on the Naze | Walton-on-Naze
Kirby-le-Soken | Kirby le Soken
Kirby Cross
Thorpe-le-Soken | Thorpe le Soken
Weeley
St Osyth | St. Osyth | Saint Osyth
Point Clear
Brightlingsea
Alresford
Wivenhoe
Harwich
Dovercourt
Parkeston
Manningtree
Mistley
Lawford
Great Bentley
Elmstead Market
Ardleigh
Great Bromley
Thorrington
*Tendring
Colchester
Stanway
Tiptree
West Mersea | Mersea | Mersea Island
Coggeshall
Marks Tey
Rowhedge
Dedham
Chelmsford
Braintree
*Witham
Halstead
Maldon
Heybridge
Burnham-on-Crouch | Burnham on Crouch
South Woodham Ferrers
Billericay
Basildon
Wickford
Pitsea
Laindon
Vange
Canvey Island | Canvey
Benfleet | South Benfleet
Hadleigh
Thundersley
Rayleigh
Hockley
Hullbridge
Rochford
Southend-on-Sea | Southend | Southend on Sea
Westcliff-on-Sea | Westcliff | Westcliff on Sea
Leigh-on-Sea | Leigh on Sea
Shoeburyness | Shoebury
Thorpe Bay
Prittlewell
*Grays
Tilbury
Stanford-le-Hope | Stanford le Hope
Corringham
South Ockendon
Aveley
Purfleet
Chafford Hundred
West Thurrock
Thurrock
Brentwood
Shenfield
Ingatestone
*Harlow
Epping
Loughton
Waltham Abbey
Chigwell
Buckhurst Hill
Theydon Bois
Chipping Ongar | Ongar
North Weald
Saffron Walden
Great Dunmow | Dunmow
Stansted Mountfitchet | Stansted
Thaxted
Sible Hedingham
Castle Hedingham
Kelvedon
Hatfield Peverel
Danbury
Writtle
Great Baddow
Southminster
Tollesbury
Earls Colne
Silver End
"""

_LONDON = """
London
*Barking
Dagenham
*Barnet
Bexley
Bexleyheath
*Brent
*Bromley
Camden | Camden Town
Croydon
Ealing
Enfield | Enfield Town
Greenwich
*Hackney
Hammersmith
Fulham
Haringey
*Harrow
Havering
Hillingdon
Hounslow
Islington
Kensington
*Chelsea
Kingston upon Thames | Kingston
Lambeth
Lewisham
*Merton
Newham
Redbridge
*Richmond
Southwark
*Sutton
Tower Hamlets
Waltham Forest
Wandsworth
Westminster
Brixton
Peckham
Stratford
Walthamstow
Tottenham
Harlesden
Clapham
Shoreditch
Kilburn
*Holloway
Deptford
Woolwich
*Leyton
Leytonstone
Edmonton
Streatham
Camberwell
*Bow
Dalston
Wembley
*Acton
Catford
Plaistow
East Ham
West Ham
Forest Gate
Canning Town
Beckton
*Poplar
Mile End
Whitechapel
Bethnal Green
Stepney
Limehouse
Canary Wharf
Isle of Dogs
Bermondsey
Rotherhithe
Elephant and Castle | Elephant & Castle
Kennington
*Vauxhall
Stockwell
Balham
*Tooting
Battersea
Putney
Wimbledon
Mitcham
Morden
Thornton Heath
Norwood | South Norwood | Upper Norwood | West Norwood
Sydenham
Forest Hill
Brockley
New Cross
Eltham
Plumstead
Thamesmead
Erith
Abbey Wood
Sidcup
Orpington
Penge
Anerley
Crystal Palace
Herne Hill
Dulwich
Notting Hill
Ladbroke Grove
Paddington
Marylebone
Kentish Town
Archway
Finsbury Park
Highbury
Stoke Newington
Stamford Hill
Homerton
Hackney Wick
*Clapton
Hoxton
Haggerston
Wood Green
Hornsey
Muswell Hill
Crouch End
Highgate
Golders Green
Hendon
Edgware
Mill Hill
Neasden
Willesden
Kensal Green
Kensal Rise
Shepherd's Bush | Shepherds Bush
White City
Southall
*Hayes
Uxbridge
Northolt
Greenford
Hanwell
Brentford
Chiswick
Feltham
Twickenham
*Hampton
Surbiton
New Malden
Chessington
Carshalton
Wallington
Purley
Coulsdon
Addiscombe
Chingford
Wanstead
Woodford
Ilford
Seven Kings
Goodmayes
Chadwell Heath
Romford
Hornchurch
Upminster
Rainham
Harold Hill
Collier Row
Elm Park
Barkingside
Hainault
Gants Hill
Manor Park
Upton Park
Custom House
Silvertown
Ponders End
Southgate
Palmers Green
Winchmore Hill
Seven Sisters
Northumberland Park
King's Cross | Kings Cross
Euston
Holborn
Soho
Mayfair
Pimlico
Lambeth North
"""

_UK = """
Birmingham
Manchester
Liverpool
Leeds
Sheffield
Bristol
Nottingham
Leicester
Coventry
Bradford
Newcastle upon Tyne | Newcastle
Sunderland
Middlesbrough
*Hull | Kingston upon Hull
York
*Derby
Stoke-on-Trent | Stoke on Trent | Stoke
Wolverhampton
Walsall
*Dudley
West Bromwich
Solihull
Oxford
Cambridge
Norwich
Ipswich
Peterborough
Luton
Milton Keynes
Northampton
*Bedford
*Reading
Slough
Watford
St Albans | St. Albans
Stevenage
Hemel Hempstead
Hertford
Hatfield
Welwyn Garden City
Bishop's Stortford | Bishops Stortford
Hitchin
Letchworth
Cheshunt
Hoddesdon
*Ware
Sawbridgeworth
*Royston
Southampton
Portsmouth
Bournemouth
*Poole
Brighton
Hove
Eastbourne
*Hastings
Worthing
*Crawley
Horsham
Guildford
Woking
Maidstone
Canterbury
Margate
Ramsgate
Broadstairs
Folkestone
Dover
Ashford
Gravesend
Dartford
*Chatham
Gillingham
*Rochester
Sittingbourne
Faversham
Whitstable
Herne Bay
Tunbridge Wells
Tonbridge
Sevenoaks
Exeter
Plymouth
Torquay
Paignton
Barnstaple
Taunton
*Bath
Swindon
Gloucester
Cheltenham
Worcester
Hereford
Shrewsbury
Telford
*Stafford
*Lincoln
Grimsby
Scunthorpe
Doncaster
Rotherham
Barnsley
Wakefield
Huddersfield
*Halifax
Blackburn
Burnley
*Preston
Blackpool
*Lancaster
Carlisle
Bolton
*Bury
Oldham
Rochdale
Stockport
Wigan
Warrington
*Chester
Crewe
Nuneaton
*Rugby
Kettering
Corby
Wellingborough
Great Yarmouth | Yarmouth
Lowestoft
King's Lynn | Kings Lynn
Thetford
Bury St Edmunds | Bury St. Edmunds
Sudbury
Felixstowe
Haverhill
Newmarket
Stowmarket
Cromer
Wisbech
*Ely
Huntingdon
St Neots | St. Neots
Swansea
Cardiff
Newport
Wrexham
Glasgow
Edinburgh
Aberdeen
Dundee
Belfast
Derry | Londonderry
Weymouth
Salisbury
Basingstoke
Winchester
Aldershot
Farnborough
High Wycombe
Aylesbury
Banbury
Bicester
Kidderminster
Redditch
Bromsgrove
Tamworth
*Burton | Burton upon Trent | Burton-on-Trent
Lichfield
Cannock
*Mansfield
Chesterfield
Worksop
*Newark
Grantham
*Boston
Skegness
Spalding
Scarborough
Whitby
Harrogate
Darlington
Hartlepool
Stockton-on-Tees | Stockton on Tees | Stockton
*Durham
Gateshead
South Shields
*Blyth
Workington
Barrow-in-Furness | Barrow in Furness
*Kendal
Southport
St Helens | St. Helens
Birkenhead
Wirral
Bootle
Runcorn
Widnes
Macclesfield
Hinckley
Loughborough
Melton Mowbray
Coalville
Bridgwater
Yeovil
Weston-super-Mare | Weston super Mare
Newquay
Truro
Penzance
St Austell | St. Austell
Falmouth
Torbay
Newton Abbot
Bideford
Exmouth
Totnes
"""


def _parse(block: str) -> tuple[tuple[str, tuple[str, ...], bool], ...]:
    places = []
    for line in block.strip().splitlines():
        ambiguous = line.startswith("*")
        names = [name.strip() for name in line.lstrip("*").split("|")]
        places.append((names[0], tuple(names), ambiguous))
    return tuple(places)


#: Spellings never taken in lower case (also everyday words: ``stoke the fire``).
NOT_IN_LOWER_CASE: frozenset[str] = frozenset({"stoke", "kingston", "hove", "dover", "stratford"})

#: ``(canonical name, every spelling, needs a placing word)`` for each place.
TOWNS: tuple[tuple[str, tuple[str, ...], bool], ...] = (
    _parse(_ESSEX) + _parse(_LONDON) + _parse(_UK)
)
